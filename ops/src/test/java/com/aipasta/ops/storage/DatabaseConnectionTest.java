package com.aipasta.ops.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseConnectionTest {

    @TempDir
    Path dataDir;

    @Test
    void withAUriItUsesThatDatabaseAndStartsNothingEmbedded() {
        MongoServer external = new MongoServer(new MemoryBackend());
        String uri = external.bindAndGetConnectionString() + "/chosen";
        try (DatabaseConnection connection = DatabaseConnection.open(properties(uri))) {
            connection.client().getDatabase(connection.database()).getCollection("probe").insertOne(new Document());

            assertThat(connection.isEmbedded()).isFalse();
            assertThat(connection.database()).isEqualTo("chosen");
            assertThat(Files.exists(dataDir.resolve(EmbeddedDatabase.FILE))).isFalse();
        } finally {
            external.shutdownNow();
        }
    }

    @Test
    void withoutAUriItStartsAnEmbeddedServerPersistingToTheDataDirectory() {
        try (DatabaseConnection connection = DatabaseConnection.open(properties(""))) {
            connection.client().getDatabase(connection.database()).getCollection("probe")
                    .insertOne(new Document("kept", true));
            assertThat(connection.isEmbedded()).isTrue();
        }
        try (DatabaseConnection reopened = DatabaseConnection.open(properties(""))) {
            assertThat(reopened.client().getDatabase(reopened.database()).getCollection("probe")
                    .countDocuments(new Document("kept", true))).isEqualTo(1);
        }
        assertThat(Files.exists(dataDir.resolve(EmbeddedDatabase.FILE))).isTrue();
    }

    private DatabaseProperties properties(String uri) {
        return new DatabaseProperties(uri, "aipasta", dataDir, 0, Duration.ofMillis(100), 16, Duration.ofSeconds(5));
    }
}
