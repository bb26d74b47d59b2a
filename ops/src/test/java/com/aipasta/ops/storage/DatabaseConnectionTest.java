package com.aipasta.ops.storage;

import com.aipasta.command.config.LateAppends;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * With a 10 s look-back, an event that reaches the embedded server more than 5 s after its creation could become
     * visible after the stream's readers looked past its time: the whole append is refused, and the command retried.
     */
    @Test
    void theEmbeddedServerRefusesAnAppendWithAnEventTooOldForTheStreamsReaders() {
        try (DatabaseConnection connection = DatabaseConnection.open(properties(""))) {
            MongoDatabase database = connection.client().getDatabase(connection.database());
            MongoCollection<Document> events = database.getCollection(StorageConfiguration.EVENTS);
            Instant now = Instant.now();

            assertThatThrownBy(() -> events.insertMany(List.of(event("fresh", now),
                    event("late", now.minusSeconds(6)))))
                    .isInstanceOfSatisfying(MongoBulkWriteException.class,
                            refused -> assertThat(LateAppends.isLateAppend(refused)).isTrue());
            assertThat(events.countDocuments()).isZero();

            events.insertMany(List.of(event("fresh", now), event("also fresh", now.minusSeconds(4))));
            database.getCollection("elsewhere").insertOne(event("old elsewhere", now.minusSeconds(600)));
            assertThat(events.countDocuments()).isEqualTo(2);
            assertThat(database.getCollection("elsewhere").countDocuments()).isEqualTo(1);
        }
    }

    private static Document event(String id, Instant created) {
        return new Document("_id", id).append("timestamp", created.toString());
    }

    private DatabaseProperties properties(String uri) {
        return new DatabaseProperties(uri, "aipasta", dataDir, 0, Duration.ofMillis(100), 16, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }
}
