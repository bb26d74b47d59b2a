package com.aipasta.ops.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The MongoDB the platform talks to: the one {@code MONGODB_URI} names, or an embedded one it starts itself. */
public final class DatabaseConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConnection.class);

    private final MongoClient client;
    private final String database;
    private final EmbeddedDatabase embedded;

    private DatabaseConnection(MongoClient client, String database, EmbeddedDatabase embedded) {
        this.client = client;
        this.database = database;
        this.embedded = embedded;
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
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), database, null);
    }

    private static DatabaseConnection embedded(DatabaseProperties properties, List<CommandListener> listeners) {
        EmbeddedDatabase database;
        try {
            database = EmbeddedDatabase.serve(properties, properties.embeddedPort());
        } catch (MVStoreException inUse) {
            return servedByRunningProcess(properties, listeners, inUse);
        }
        ConnectionString uri = new ConnectionString("mongodb://" + database.host());
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), properties.database(),
                database);
    }

    /** The file is held by a running platform or database: connect to the embedded server it serves it through. */
    private static DatabaseConnection servedByRunningProcess(DatabaseProperties properties,
                                                             List<CommandListener> listeners, MVStoreException inUse) {
        String host = EmbeddedDatabase.servedAt(properties.dataDir()).orElseThrow(() -> new IllegalStateException(
                "The embedded database in " + properties.dataDir().toAbsolutePath()
                        + " is in use by another process, which does not say where it serves it", inUse));
        log.info("The embedded database is in use by a running process; connecting to it on {}", host);
        ConnectionString uri = new ConnectionString("mongodb://" + host);
        return new DatabaseConnection(MongoClients.create(settings(uri, properties, listeners)), properties.database(),
                null);
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
        return embedded != null;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
