package com.aipasta.ops.storage;

import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/** The event-store contract on the embedded MongoDB-wire server with its H2 file backend, as the platform runs it. */
class EmbeddedMongoEventStoreContractTest extends EventStoreContract {

    @TempDir
    static Path dataDir;
    private static IndexedH2Backend backend;
    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void startServer() {
        backend = IndexedH2Backend.open(dataDir.resolve("contract.mv.db").toString(), 16,
                Duration.ofMillis(100));
        server = new MongoServer(backend);
        client = connect(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
        backend.close();
    }

    @Override
    protected MongoClient client() {
        return client;
    }
}
