package com.aipasta.ops.storage;

import com.aipasta.projections.chat.ChatMessageDocument;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.List;
import java.util.Objects;

/**
 * Indexes that earlier versions of the platform created and that an index whose keys start with theirs, on the same
 * collection, now serves: each cost every write of its collection an entry, and on the embedded server memory and
 * start-up time too. Dropped where they are found with the keys they were created with.
 */
final class RetiredIndexes {

    private record Retired(String collection, String name, Document keys) {
    }

    private static final List<Retired> ALL = List.of(
            new Retired(StorageConfiguration.EVENTS, "orderedEventStreamIndex",
                    new Document("timestamp", 1).append("sequenceNumber", 1)),
            new Retired(ChatMessageDocument.COLLECTION, "owner", new Document("ownerId", 1)));

    private RetiredIndexes() {
    }

    static void dropFrom(MongoDatabase database) {
        for (Retired retired : ALL) {
            MongoCollection<Document> collection = database.getCollection(retired.collection());
            for (Document index : collection.listIndexes()) {
                if (retired.name().equals(index.getString("name"))
                        && sameKeys(retired.keys(), index.get("key", Document.class))) {
                    collection.dropIndex(retired.name());
                }
            }
        }
    }

    /** The same fields in the same order and directions, whichever number type stored a direction. */
    private static boolean sameKeys(Document expected, Document actual) {
        return actual != null && List.copyOf(expected.keySet()).equals(List.copyOf(actual.keySet()))
                && expected.keySet().stream().allMatch(field -> actual.get(field) instanceof Number direction
                && Objects.equals(Integer.signum(direction.intValue()), expected.getInteger(field)));
    }
}
