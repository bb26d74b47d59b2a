package com.aipasta.ops.storage;

import com.aipasta.ops.StandalonePlatform;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetiredIndexesTest {

    @TempDir
    Path dataDir;

    /**
     * A file written by an earlier version holds the retired indexes; once dropped they stay dropped when the file
     * opens again, and an index of the same name on another collection, or with other keys, is kept.
     */
    @Test
    void dropsTheRetiredIndexesAndNothingElse() {
        try (DatabaseConnection connection = DatabaseConnection.open(properties())) {
            MongoDatabase database = connection.client().getDatabase(connection.database());
            createTheRetiredIndexes(database);
            database.getCollection("domainevents").createIndex(Indexes.ascending("aggregateIdentifier",
                    "sequenceNumber"), new IndexOptions().name("uniqueAggregateIndex").unique(true));
            database.getCollection("chat_messages").insertOne(new Document("_id", "m1").append("ownerId", "u1"));
            database.getCollection("shared_sessions").createIndex(Indexes.ascending("ownerId"),
                    new IndexOptions().name("owner"));
            database.getCollection("notes").createIndex(Indexes.descending("timestamp", "sequenceNumber"),
                    new IndexOptions().name("orderedEventStreamIndex"));
            database.getCollection("shared_sessions").insertOne(new Document("ownerId", "u1"));
            database.getCollection("notes").insertOne(new Document("timestamp", "t"));

            RetiredIndexes.dropFrom(database);
            RetiredIndexes.dropFrom(database);

            assertThat(indexNames(database, "domainevents")).containsExactlyInAnyOrder("_id_", "uniqueAggregateIndex");
            assertThat(indexNames(database, "chat_messages")).containsExactlyInAnyOrder("_id_");
            assertThat(database.getCollection("chat_messages").countDocuments(new Document("ownerId", "u1")))
                    .isEqualTo(1);
        }
        try (DatabaseConnection reopened = DatabaseConnection.open(properties())) {
            MongoDatabase database = reopened.client().getDatabase(reopened.database());
            assertThat(indexNames(database, "domainevents")).containsExactlyInAnyOrder("_id_", "uniqueAggregateIndex");
            assertThat(indexNames(database, "chat_messages")).containsExactlyInAnyOrder("_id_");
            assertThat(indexNames(database, "shared_sessions")).containsExactlyInAnyOrder("_id_", "owner");
            assertThat(indexNames(database, "notes")).containsExactlyInAnyOrder("_id_", "orderedEventStreamIndex");
        }
    }

    @Test
    void aDatabaseWithoutTheCollectionsIsLeftAsItIs() {
        try (DatabaseConnection connection = DatabaseConnection.open(properties())) {
            MongoDatabase database = connection.client().getDatabase(connection.database());

            RetiredIndexes.dropFrom(database);

            assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();
        }
    }

    /** A platform started on a file an earlier version wrote drops them as it starts, and keeps what serves instead. */
    @Test
    void aPlatformStartingOnAnEarlierVersionsFileDropsThem() {
        try (DatabaseConnection connection = DatabaseConnection.open(properties())) {
            createTheRetiredIndexes(connection.client().getDatabase(connection.database()));
        }

        try (ConfigurableApplicationContext platform = StandalonePlatform.start(dataDir)) {
            MongoDatabase database = platform.getBean(MongoTemplate.class).getDb();
            assertThat(indexNames(database, "domainevents")).contains("uniqueAggregateIndex", "eventStreamWithIds")
                    .doesNotContain("orderedEventStreamIndex");
            assertThat(indexNames(database, "chat_messages")).contains("owner_role_newest").doesNotContain("owner");
        }
    }

    /** The indexes as an earlier version made them. */
    private static void createTheRetiredIndexes(MongoDatabase database) {
        database.getCollection("domainevents").createIndex(Indexes.ascending("timestamp", "sequenceNumber"),
                new IndexOptions().name("orderedEventStreamIndex"));
        database.getCollection("chat_messages").createIndex(Indexes.ascending("ownerId"),
                new IndexOptions().name("owner"));
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        return database.getCollection(collection).listIndexes().map(index -> index.getString("name"))
                .into(new ArrayList<>());
    }

    private DatabaseProperties properties() {
        return new DatabaseProperties("", "aipasta", dataDir, 0, Duration.ofMillis(100), 16, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }
}
