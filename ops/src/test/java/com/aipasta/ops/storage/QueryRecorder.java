package com.aipasta.ops.storage;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records every query the platform sends to its database (finds, counts, aggregations, updates, deletes), one of each
 * shape, and explains each afterwards with the database's own query planner.
 */
public final class QueryRecorder implements CommandListener {

    private static final Set<String> QUERIES = Set.of("find", "count", "aggregate", "update", "delete",
            "findAndModify", "distinct");
    private static final Set<String> SESSION_FIELDS = Set.of("$db", "lsid", "$clusterTime", "txnNumber",
            "$readPreference", "readConcern", "writeConcern", "cursor", "batchSize", "singleBatch", "ordered",
            "maxTimeMS", "comment", "apiVersion", "apiStrict", "apiDeprecationErrors", "startTransaction", "autocommit");

    /** One query as sent, and how the database plans it. */
    public record Explained(String collection, BsonDocument command, String plan) {

        public boolean scansTheCollection() {
            return plan.contains("COLLSCAN");
        }

        public boolean sortsInMemory() {
            return plan.contains("\"SORT\"");
        }
    }

    private final Map<String, BsonDocument> byShape = new ConcurrentHashMap<>();
    private final LongAdder streamReads = new LongAdder();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!QUERIES.contains(event.getCommandName())) {
            return;
        }
        if (isStreamRead(event.getCommand())) {
            streamReads.increment();
        }
        BsonDocument sent = new BsonDocumentCodec().decode(new BsonDocumentReader(event.getCommand()),
                DecoderContext.builder().build());
        BsonDocument command = new BsonDocument();
        sent.forEach((field, value) -> {
            if (!SESSION_FIELDS.contains(field)) {
                command.put(field, value);
            }
        });
        byShape.putIfAbsent(event.getDatabaseName() + " " + shape(command), command);
    }

    /** Reads of the event stream in timestamp order, as event processors make them; aggregate loads are not counted. */
    public long streamReads() {
        return streamReads.sum();
    }

    private static boolean isStreamRead(BsonDocument command) {
        return command.getFirstKey().equals("find") && command.getString("find").getValue().equals("domainevents")
                && command.containsKey("sort") && command.getDocument("sort").containsKey("timestamp");
    }

    public List<Explained> explainAll(MongoDatabase database) {
        List<Explained> explained = new ArrayList<>();
        byShape.forEach((shape, command) -> {
            if (shape.startsWith(database.getName() + " ")) {
                Document plan = database.runCommand(new Document("explain", command).append("verbosity", "queryPlanner"));
                explained.add(new Explained(command.getString(command.getFirstKey()).getValue(), command,
                        plan.get("queryPlanner", Document.class).toJson()));
            }
        });
        return explained;
    }

    /** The command with every value replaced by its type, so the same query with other values is recorded once. */
    private static String shape(BsonValue value) {
        if (value.isDocument()) {
            StringBuilder shape = new StringBuilder("{");
            value.asDocument().forEach((field, inner) -> shape.append(field).append(':').append(shape(inner)).append(','));
            return shape.append('}').toString();
        }
        if (value.isArray()) {
            return value.asArray().isEmpty() ? "[]" : "[" + shape(value.asArray().get(0)) + "]";
        }
        return value.getBsonType().name();
    }
}
