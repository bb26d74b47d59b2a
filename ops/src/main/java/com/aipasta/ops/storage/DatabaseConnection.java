package com.aipasta.ops.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The MongoDB the platform talks to: the one {@code MONGODB_URI} names, or an embedded one it starts itself. */
public final class DatabaseConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnection.class);
    static final String EMBEDDED_FILE = "aipasta.mv.db";

    private final MongoClient client;
    private final String database;
    private final MongoServer embeddedServer;
    private final H2Backend embeddedBackend;

    private DatabaseConnection(MongoClient client, String database, MongoServer server, H2Backend backend) {
        this.client = client;
        this.database = database;
        this.embeddedServer = server;
        this.embeddedBackend = backend;
    }

    public static DatabaseConnection open(DatabaseProperties properties) {
        return properties.embedded() ? embedded(properties) : external(properties);
    }

    private static DatabaseConnection external(DatabaseProperties properties) {
        ConnectionString uri = new ConnectionString(properties.uri());
        String database = uri.getDatabase() != null ? uri.getDatabase() : properties.database();
        log.info("Using MongoDB at {} (database {})", String.join(",", uri.getHosts()), database);
        return new DatabaseConnection(MongoClients.create(settings(uri, properties)), database, null, null);
    }

    private static DatabaseConnection embedded(DatabaseProperties properties) {
        Path file = properties.dataDir().toAbsolutePath().resolve(EMBEDDED_FILE);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + file.getParent(), e);
        }
        H2Backend backend = new H2Backend(file.toString());
        backend.getMvStore().setAutoCommitDelay((int) properties.embeddedCommitDelay().toMillis());
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", properties.embeddedPort()));
        InetSocketAddress address = server.getLocalAddress();
        log.info("Started the embedded MongoDB-wire server on {} with data in {}", address, file);
        ConnectionString uri = new ConnectionString("mongodb://127.0.0.1:" + address.getPort());
        return new DatabaseConnection(MongoClients.create(settings(uri, properties)), properties.database(), server,
                backend);
    }

    private static MongoClientSettings settings(ConnectionString uri, DatabaseProperties properties) {
        return MongoClientSettings.builder()
                .applyConnectionString(uri)
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
        }
    }
}
