package com.aipasta.ops.storage;

import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The event-store contract on a real MongoDB replica set in a container. Where no Docker engine is available
 * the class is reported as skipped ("disabledWithoutDocker"), and the embedded variant still runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerEventStoreContractTest extends EventStoreContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");
    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = connect(MONGO.getConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected MongoClient client() {
        return client;
    }
}
