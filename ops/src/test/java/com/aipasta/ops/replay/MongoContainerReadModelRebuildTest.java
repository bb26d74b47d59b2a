package com.aipasta.ops.replay;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The same rebuilds on a real MongoDB replica set; skipped ("disabledWithoutDocker") where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerReadModelRebuildTest extends ReadModelRebuildContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    protected List<String> databaseSettings() {
        return List.of("--aipasta.mongo.uri=" + MONGO.getReplicaSetUrl("aipasta"));
    }

    @Override
    protected Map<String, String> cliEnvironment(Path dataDir) {
        return Map.of("DATA_DIR", dataDir.toString(), "MONGODB_URI", MONGO.getReplicaSetUrl("aipasta"));
    }
}
