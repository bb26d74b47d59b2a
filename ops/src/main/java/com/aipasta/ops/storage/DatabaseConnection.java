package com.aipasta.ops.storage;

import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The MongoDB the platform talks to: the one {@code MONGODB_URI} names, or an embedded one it starts itself. */
public final class DatabaseConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnection.class);
    static final String EMBEDDED_FILE = "aipasta.mv.db";
    /** Where a process serving the embedded database writes its address, for the ops CLI to connect to. */
    static final String ADDRESS_FILE = "embedded-mongo.address";

    private final MongoClient client;
    private final String database;
    private final MongoServer embeddedServer;
    private final IndexedH2Backend embeddedBackend;
    private final Path addressFile;

    private DatabaseConnection(MongoClient client, String database, MongoServer server, IndexedH2Backend backend,
                               Path addressFile) {
        this.client = client;
        this.database = database;
        this.embeddedServer = server;
        this.embeddedBackend = backend;
        this.addressFile = addressFile;
    }

    public static DatabaseConnection open(DatabaseProperties properties) {
        return open(properties, List.of());
    }

    /** Opens the database with the driver's command listeners, which observe every command sent to it. */
    public static DatabaseConnection open(DatabaseProperties properties, List<CommandListener> listeners) {
        return properties.embedded() ? embedded(properties, listeners) : external(properties, listeners);
    }

    private static DatabaseConnection external(DatabaseProperties properties, List<CommandListener> listeners) {
        ConnectionString uri = new ConnectionString(properties.uri());
        String database = uri.getDatabase() != null ? uri.getDatabase() : properties.database();
        log.info("Using MongoDB at {} (database {})", String.join(",", uri.getHosts()), database);
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), database, null, null,
                null);
    }

    private static DatabaseConnection embedded(DatabaseProperties properties, List<CommandListener> listeners) {
        Path file = properties.dataDir().toAbsolutePath().resolve(EMBEDDED_FILE);
        OwnerOnly.createDirectory(file.getParent());
        OwnerOnly.createFile(file);
        Path addressFile = file.getParent().resolve(ADDRESS_FILE);
        IndexedH2Backend backend;
        try {
            backend = IndexedH2Backend.open(file.toString(), properties.embeddedCacheSize(),
                    properties.embeddedCommitDelay());
        } catch (MVStoreException inUse) {
            return servedByRunningPlatform(addressFile, properties, listeners, inUse);
        }
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", properties.embeddedPort()));
        InetSocketAddress address = server.getLocalAddress();
        log.info("Started the embedded MongoDB-wire server on {} with data in {}", address, file);
        String host = "127.0.0.1:" + address.getPort();
        try {
            OwnerOnly.createFile(addressFile);
            Files.writeString(addressFile, host);
            OwnerOnly.restrictTree(file.getParent());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not write {}; the ops CLI cannot reach this database while it runs", addressFile);
        }
        ConnectionString uri = new ConnectionString("mongodb://" + host);
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), properties.database(),
                server, backend, addressFile);
    }

    /** The file is held by a running platform: connect to the embedded server it serves it through. */
    private static DatabaseConnection servedByRunningPlatform(Path addressFile, DatabaseProperties properties,
                                                              List<CommandListener> listeners,
                                                              MVStoreException inUse) {
        String host;
        try {
            host = Files.readString(addressFile).strip();
        } catch (IOException e) {
            throw new IllegalStateException("The embedded database in " + addressFile.getParent()
                    + " is in use by another process, which does not say where it serves it", inUse);
        }
        log.info("The embedded database is in use by a running platform; connecting to it on {}", host);
        ConnectionString uri = new ConnectionString("mongodb://" + host);
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), properties.database(),
                null, null, null);
    }

    private static MongoClientSettings settings(ConnectionString uri, DatabaseProperties properties,
                                                List<CommandListener> listeners) {
        return MongoClientSettings.builder()
                .applyConnectionString(uri)
                .commandListenerList(listeners)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .build();
    }

    public MongoClient client() {
        return client;
    }

    public String database() {
        return database;
    }

    public boolean isEmbedded() {
        return embeddedServer != null;
    }

    @Override
    public void close() {
        client.close();
        if (embeddedServer != null) {
            embeddedServer.shutdownNow();
            embeddedBackend.close();
            try {
                Files.deleteIfExists(addressFile);
            } catch (IOException e) {
                log.warn("Could not delete {}", addressFile);
            }
        }
    }
}
