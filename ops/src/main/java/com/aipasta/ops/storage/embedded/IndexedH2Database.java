package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * An H2 database whose collections keep their declared indexes ({@code _id} aside) as {@link OrderedIndex}es and plan
 * queries through them, and which answers MongoDB's {@code explain} command with the plan it would use.
 */
final class IndexedH2Database extends H2Database {

    /** The MVStore map layout of {@link H2Database}, which this class keeps so existing files open unchanged. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create", "drop",
            "createindexes", "dropindexes");

    private final MVStore store;
    private final Lock changing;
    private final Supplier<EventAgeLimit> eventAgeLimit;

    /**
     * @param changing      held (shared) by every command that changes something, so a commit never sees one half done
     * @param eventAgeLimit the limit the collections check inserts against, when one is set
     */
    IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry, Lock changing,
                      Supplier<EventAgeLimit> eventAgeLimit) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
        this.changing = changing;
        this.eventAgeLimit = eventAgeLimit;
        super.initializeNamespacesAndIndexes();
    }

    /** The base constructor opens collections before this class has its store; this one opens them after. */
    @Override
    protected void initializeNamespacesAndIndexes() {
        if (store != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = store.openMap(DATA_PREFIX + fullName,
                new MVMap.Builder<Object, Document>().keyType(new DocumentKeyDataType())
                        .valueType(new DocumentDataType()));
        return new IndexedH2Collection(this, collectionName, options, documents,
                store.openMap(META_PREFIX + fullName), cursorRegistry, eventAgeLimit);
    }

    /**
     * Unique indexes, {@code _id} included, are ordered indexes too: the H2 backend's own keep their keys in a map
     * that compares them by serializing both, which every lookup by {@code _id} paid for.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        removeStoredIndex(collectionName, indexName);
        return new OrderedIndex(indexName, keys, sparse, true);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return new OrderedIndex(indexName, keys, sparse, false);
    }

    /** Files written before ordered indexes kept unique indexes as maps of their own; they are rebuilt in memory. */
    private void removeStoredIndex(String collectionName, String indexName) {
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        if (store.hasMap(mapName)) {
            store.removeMap(mapName);
        }
    }

    /**
     * A command reads the version of the pages that was current when it began. Registering that version keeps every
     * chunk holding its pages in the file until the command ends: otherwise a compaction moving those pages to a new
     * chunk let the old chunk be dropped a few commits later, in the middle of a long read ("Chunk … not found").
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        MVStore.TxCounter pagesInUse = store.registerVersionUsage();
        try {
            if (!writes(command, query)) {
                return answer(channel, command, query, databaseResolver, oplog);
            }
            changing.lock();
            try {
                return answer(channel, command, query, databaseResolver, oplog);
            } finally {
                changing.unlock();
            }
        } finally {
            store.deregisterVersionUsage(pagesInUse);
        }
    }

    private Document answer(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                            Oplog oplog) {
        if (command.equalsIgnoreCase("explain")) {
            return explain((Document) query.get(command));
        }
        if (command.equalsIgnoreCase("dropIndexes")) {
            return dropIndexes(channel, command, query, databaseResolver, oplog);
        }
        if (command.equalsIgnoreCase("aggregate") && matchesFirst(query)
                && resolveCollection(String.valueOf(query.get(command)), false) instanceof IndexedH2Collection collection) {
            return aggregate(channel, collection, query, databaseResolver, oplog);
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    /**
     * The server drops an index given by name by deleting the stored description of every index of that name, of
     * every collection, and {@code "*"} those of every collection's indexes: another collection's index would not
     * open again with the file. Each index of the collection named or matched is dropped by its key instead, which
     * the server looks for in that collection alone. An index not found is the server's to refuse.
     */
    private Document dropIndexes(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                 Oplog oplog) {
        String collectionName = String.valueOf(query.get(command));
        Object index = query.get("index");
        if (!(index instanceof String name) || resolveCollection(collectionName, false) == null) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        List<Document> keys = new ArrayList<>();
        for (Document description : indexes.get().handleQuery(
                new Document("ns", getFullCollectionNamespace(collectionName)))) {
            if (name.equals("*") ? !"_id_".equals(description.get("name")) : name.equals(description.get("name"))) {
                keys.add((Document) description.get("key"));
            }
        }
        if (keys.isEmpty()) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        Document answer = null;
        for (Document key : keys) {
            Document dropped = super.handleCommand(channel, command, new Document(command, collectionName)
                    .append("index", key), databaseResolver, oplog);
            answer = answer == null ? dropped : answer;
        }
        return answer;
    }

    private static boolean writes(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        return WRITES.contains(name) || name.equals("aggregate") && query.get("pipeline") instanceof List<?> stages
                && stages.stream().anyMatch(stage -> stage instanceof Document document
                        && (document.containsKey("$out") || document.containsKey("$merge")));
    }

    private static boolean matchesFirst(Document aggregate) {
        return aggregate.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                && pipeline.get(0) instanceof Document first && first.get("$match") instanceof Document;
    }

    /**
     * A pipeline that starts with {@code $match} (as a driver's {@code countDocuments} does) reads only what the match
     * finds through the collection's indexes; the base class would feed every document of the collection to it.
     */
    private Document aggregate(Channel channel, IndexedH2Collection collection, Document query,
                               DatabaseResolver databaseResolver, Oplog oplog) {
        List<Document> pipeline = Aggregation.parse(query.get("pipeline"));
        Aggregation aggregation = Aggregation.fromPipeline(pipeline, databaseResolver, this, collection, oplog);
        aggregation.validate(query);
        if (aggregation.isModifying()) {
            return super.handleCommand(channel, "aggregate", query, databaseResolver, oplog);
        }
        Document match = (Document) pipeline.get(0).get("$match");
        List<Document> results = isCount(pipeline) ? counted(collection, match, pipeline.get(1))
                : aggregation.runStages(collection.handleQueryAsStream(match));
        Document cursor = new Document("id", 0L).append("ns", collection.getFullName()).append("firstBatch", results);
        Document response = new Document("cursor", cursor);
        Utils.markOkay(response);
        return response;
    }

    /** Whether the pipeline is a driver's {@code countDocuments}: a match, then a group by a constant that counts. */
    private static boolean isCount(List<Document> pipeline) {
        return pipeline.size() == 2 && pipeline.get(1).get("$group") instanceof Document group && group.size() == 2
                && !(group.get("_id") instanceof String key && key.startsWith("$"))
                && !(group.get("_id") instanceof Document)
                && group.get(countField(group)) instanceof Document sum && sum.size() == 1
                && sum.get("$sum") instanceof Number one && one.doubleValue() == 1;
    }

    private static String countField(Document group) {
        return group.keySet().stream().filter(field -> !field.equals("_id")).findFirst().orElseThrow();
    }

    /** What the count pipeline gives, counted by the collection (from an index alone where it can). */
    private static List<Document> counted(IndexedH2Collection collection, Document match, Document stage) {
        Document group = (Document) stage.get("$group");
        int count = collection.count(match, 0, 0);
        return count == 0 ? List.of() : List.of(new Document("_id", group.get("_id")).append(countField(group), count));
    }

    /**
     * The plan of a {@code find}, {@code count}, {@code update}, {@code delete} or {@code findAndModify}, in the shape
     * MongoDB gives ({@code IXSCAN}, {@code COLLSCAN}, {@code SORT} stages), with the documents the query examines.
     */
    private Document explain(Document explained) {
        String command = explained.keySet().iterator().next();
        String collectionName = String.valueOf(explained.get(command));
        Document filter = filterOf(command, explained);
        Document sort = explained.get("sort") instanceof Document requested ? requested : null;
        Document response = new Document();
        if (!(resolveCollection(collectionName, false) instanceof IndexedH2Collection collection)) {
            response.put("queryPlanner", new Document("winningPlan", new Document("stage", "EOF")));
            Utils.markOkay(response);
            return response;
        }
        Document stage;
        QueryPlan plan = null;
        if (command.equalsIgnoreCase("count") && filter.isEmpty()) {
            stage = new Document("stage", "COUNT");
        } else if ((plan = collection.plan(filter, sort)) != null) {
            stage = indexScan(plan.index().getName());
        } else {
            stage = new Document("stage", "COLLSCAN");
        }
        boolean sorted = sort != null && !sort.isEmpty() && (plan == null || !plan.ordered());
        if (sorted) {
            stage = new Document("stage", "SORT").append("inputStage", stage);
        }
        response.put("queryPlanner", new Document("namespace", getFullCollectionNamespace(collectionName))
                .append("winningPlan", stage));
        int limit = explained.get("limit") instanceof Number number ? number.intValue() : 0;
        response.put("executionStats", executionStats(collection, filter, sort, limit));
        Utils.markOkay(response);
        return response;
    }

    private static Document indexScan(String indexName) {
        return new Document("stage", "FETCH").append("inputStage",
                new Document("stage", "IXSCAN").append("indexName", indexName));
    }

    private static Document filterOf(String command, Document explained) {
        Object filter = switch (command.toLowerCase()) {
            case "find" -> explained.get("filter");
            case "count", "findandmodify", "distinct" -> explained.get("query");
            case "update" -> firstStatement(explained, "updates");
            case "delete" -> firstStatement(explained, "deletes");
            case "aggregate" -> matchesFirst(explained)
                    ? ((Document) ((List<?>) explained.get("pipeline")).get(0)).get("$match") : null;
            default -> null;
        };
        return filter instanceof Document document ? document : new Document();
    }

    private static Object firstStatement(Document explained, String field) {
        return explained.get(field) instanceof List<?> statements && !statements.isEmpty()
                && statements.get(0) instanceof Map<?, ?> statement ? statement.get("q") : null;
    }

    private static Document executionStats(IndexedH2Collection collection, Document filter, Document sort,
                                           int limit) {
        Document selector = new Document("$query", filter);
        if (sort != null) {
            selector.put("$orderby", sort);
        }
        synchronized (collection) {
            long before = collection.documentsExamined();
            int returned = collection.handleQuery(new QueryParameters(selector, 0, limit)).collectDocuments().size();
            return new Document("nReturned", returned)
                    .append("totalDocsExamined", (int) (collection.documentsExamined() - before));
        }
    }
}
