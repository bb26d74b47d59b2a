package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An H2-backed collection that answers queries through its {@link OrderedIndex}es: a query the chosen index yields in
 * the requested order is read lazily, so a limit or a client's batch stops the scan, and a tracking read of the next
 * batch of events costs the batch, not the history. Queries no index narrows fall back to the scan of the base class.
 */
final class IndexedH2Collection extends H2Collection {

    /** Documents a {@code getMore} that names no batch size returns at most. */
    private static final int DEFAULT_GET_MORE = 1000;

    /** Documents read to answer queries so far, for tests and the explain command. */
    private final AtomicLong documentsExamined = new AtomicLong();
    /** A query is matched against many documents in a row, by one thread: its membership lists are hashed once. */
    private final ThreadLocal<MembershipQuery> lastQuery = new ThreadLocal<>();
    /**
     * Set while this thread updates. The server changes the documents an update finds by changing those very objects,
     * while a reply that read one of them may still be encoding it on another connection's thread (outside the
     * collection's lock), which then fails half-way and drops that connection. An update is therefore given copies,
     * which become the stored documents; what readers were handed is never changed. The copies are of the top level:
     * the server builds the updated values on a deep copy of its own and only puts and removes top-level fields of
     * the document it found.
     */
    private final ThreadLocal<Boolean> updating = ThreadLocal.withInitial(() -> false);

    private final Supplier<EventAgeLimit> eventAgeLimit;
    private final MVMap<Object, Document> dataMap;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
                        Supplier<EventAgeLimit> eventAgeLimit) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.eventAgeLimit = eventAgeLimit;
        this.dataMap = dataMap;
    }

    /** Stores every document, or none when the collection's {@link EventAgeLimit} refuses one of them. */
    @Override
    public synchronized List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        EventAgeLimit limit = eventAgeLimit.get();
        Document refusal = limit != null && limit.appliesTo(getCollectionName()) ? limit.refusal(documents) : null;
        return refusal != null ? List.of(refusal) : super.insertDocuments(documents, isOrdered);
    }

    /**
     * Empties the collection at once when asked to delete every document and nothing follows the changes (no oplog):
     * a read model's reset, the first step of every replay, otherwise removed its documents one by one, each removal
     * working out every index's keys and the document's size in BSON.
     */
    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        if (!selector.isEmpty() || limit != 0 || !(oplog instanceof NoopOplog)) {
            return super.deleteDocuments(selector, limit, oplog);
        }
        int deleted = count();
        dataMap.clear();
        updateDataSize(-getDataSize());
        getIndexes().forEach(Index::drop);
        return deleted;
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return whileUpdating(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return whileUpdating(() -> super.findAndModify(query));
    }

    private Document whileUpdating(Supplier<Document> update) {
        updating.set(true);
        try {
            return update.get();
        } finally {
            updating.set(false);
        }
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored != null && updating.get() ? stored.clone() : stored;
    }

    /**
     * The collection's size in BSON ({@code collStats}) is counted by the three methods below, in {@link BsonScratch}'s
     * buffer; the server's own count encoded each document into a new buffer, before and after every update.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        int size = BsonScratch.size(document);
        Object position = super.addDocumentInternal(document);
        updateDataSize(size);
        return position;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        int change = BsonScratch.size(newDocument) - BsonScratch.size(oldDocument);
        super.handleUpdate(position, oldDocument, newDocument);
        updateDataSize(change);
    }

    @Override
    protected void removeDocument(Object position) {
        Document stored = dataMap.get(position);
        super.removeDocument(position);
        updateDataSize(-BsonScratch.size(stored));
    }

    /**
     * The key a document is stored under when these are its values of the given index's keys: when the index is of the
     * collection's id alone and the value is of a kind that equals only itself (a string or an ObjectId), its entries
     * are the stored keys, and a document is found, or known to be absent, by that key without walking the index. The
     * read models find most documents they write by id, and each insert checks that its id is new.
     */
    Object storedKeyOf(List<String> keyFields, Object[] values) {
        if (keyFields.size() != 1 || !keyFields.get(0).equals(getIdField())) {
            return null;
        }
        return values[0] instanceof String || values[0] instanceof ObjectId ? values[0] : null;
    }

    boolean holds(Object key) {
        return dataMap.containsKey(key);
    }

    long documentsExamined() {
        return documentsExamined.get();
    }

    QueryPlan plan(Document query, Document orderBy) {
        List<OrderedIndex> ordered = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex orderedIndex) {
                ordered.add(orderedIndex);
            }
        }
        return QueryPlan.choose(ordered, query, orderBy);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        QueryPlan plan = plan(query, orderBy);
        if (plan == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Scan scan = new Scan(plan, query, fieldSelector);
        if (!plan.ordered()) {
            return matchDocumentsFromStream(scan.remaining(), query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        scan.skip(numberToSkip);
        int wanted = limit == 0 ? Integer.MAX_VALUE : Math.abs(limit);
        if (batchSize <= 0 || limit < 0) {
            return new QueryResult(scan.take(wanted));
        }
        List<Document> firstBatch = scan.take(Math.min(batchSize, wanted));
        if (firstBatch.size() == wanted || !scan.hasMore()) {
            return new QueryResult(firstBatch);
        }
        ScanCursor cursor = new ScanCursor(cursorRegistry.generateCursorId(), scan, wanted - firstBatch.size());
        cursorRegistry.add(cursor);
        return new QueryResult(firstBatch, cursor);
    }

    /**
     * Counts from an index alone when its entries hold every field the query names, and reads no document: the entries
     * of the plan's range when they are exactly what the query matches, else those whose key values, as a document,
     * match it. A tracking read of the event stream counts the events of its look-back window at every read (see
     * {@code SharedWindowTrackingToken}).
     */
    @Override
    public int count(Document query, int skip, int limit) {
        QueryPlan plan = query == null || query.isEmpty() ? null : plan(query, null);
        if (plan == null || !plan.index().holdsEveryField(query)) {
            return super.count(query, skip, limit);
        }
        int found = 0;
        if (plan.exact()) {
            synchronized (this) {
                for (QueryPlan.Range range : plan.ranges()) {
                    found += (int) plan.index().count(range.from(), range.to());
                }
            }
        } else {
            List<String> keyFields = plan.index().keyFields();
            Set<Object> counted = plan.ranges().size() > 1 ? new HashSet<>() : null;
            for (QueryPlan.Range range : plan.ranges()) {
                for (OrderedIndex.Entry entry : plan.index().scan(range.from(), range.to(), false)) {
                    if ((counted == null || counted.add(entry.position()))
                            && documentMatchesQuery(keyDocument(keyFields, entry.values()), query)) {
                        found++;
                    }
                }
            }
        }
        found = Math.max(0, found - Math.max(0, skip));
        return limit > 0 ? Math.min(limit, found) : found;
    }

    private static Document keyDocument(List<String> keyFields, Object[] values) {
        Document document = new Document();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] instanceof Missing)) {
                document.put(keyFields.get(i), values[i]);
            }
        }
        return document;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        documentsExamined.addAndGet(count());
        QueryResult found = super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        if (!updating.get()) {
            return found;
        }
        return new QueryResult(found.collectDocuments().stream().map(Document::clone).toList());
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        return membershipOf(query).matches(document, rest -> super.documentMatchesQuery(document, rest));
    }

    private MembershipQuery membershipOf(Document query) {
        MembershipQuery membership = lastQuery.get();
        if (membership == null || !membership.isFor(query)) {
            membership = MembershipQuery.of(query);
            lastQuery.set(membership);
        }
        return membership;
    }

    /** A walk along an index range, yielding the documents that match the query, projected. */
    private final class Scan {

        private final QueryPlan plan;
        private final Iterator<QueryPlan.Range> ranges;
        private Iterator<OrderedIndex.Entry> entries = Collections.emptyIterator();
        private final Document query;
        private final Document fieldSelector;
        private final Set<Object> seen;
        private final List<String> keyFields;
        private final MembershipQuery membership;
        private Document next;

        Scan(QueryPlan plan, Document query, Document fieldSelector) {
            this.ranges = plan.ranges().iterator();
            this.plan = plan;
            this.query = query;
            this.fieldSelector = fieldSelector;
            this.seen = plan.index().isMultiKey() || plan.ranges().size() > 1 ? new HashSet<>() : null;
            this.keyFields = plan.index().keyFields();
            this.membership = membershipOf(query);
        }

        boolean hasMore() {
            if (next != null) {
                return true;
            }
            while (entries.hasNext() || nextRange()) {
                OrderedIndex.Entry entry = entries.next();
                Object position = entry.position();
                if (seen != null && !seen.add(position)) {
                    continue;
                }
                if (membership.failsOnKeys(keyFields, entry.values(), plan.index().isMultiKey())) {
                    continue;
                }
                documentsExamined.incrementAndGet();
                Document document = getDocument(position);
                if (document != null && documentMatchesQuery(document, query)) {
                    next = document;
                    return true;
                }
            }
            return false;
        }

        private boolean nextRange() {
            while (!entries.hasNext() && ranges.hasNext()) {
                QueryPlan.Range range = ranges.next();
                Object[] from = range.from();
                Object key = from[0] == range.to()[0] ? storedKeyOf(keyFields, from) : null;
                entries = key != null ? List.of(new OrderedIndex.Entry(from, key)).iterator()
                        : plan.index().scan(from, range.to(), plan.reverse()).iterator();
            }
            return entries.hasNext();
        }

        private Document poll() {
            Document document = hasMore() ? next : null;
            next = null;
            return document;
        }

        void skip(int count) {
            int skipped = 0;
            while (skipped < count && poll() != null) {
                skipped++;
            }
        }

        List<Document> take(int count) {
            List<Document> documents = new ArrayList<>();
            Document document;
            while (documents.size() < count && (document = poll()) != null) {
                documents.add(document);
            }
            return project(documents);
        }

        Stream<Document> remaining() {
            return Stream.generate(this::poll).takeWhile(document -> document != null);
        }

        private List<Document> project(List<Document> documents) {
            if (fieldSelector == null || fieldSelector.isEmpty() || documents.isEmpty()) {
                return documents;
            }
            return matchDocumentsFromStream(documents.stream(), query, null, 0, 0, 0, fieldSelector)
                    .collectDocuments();
        }
    }

    /** The rest of a lazily read query, read on under the collection's lock at each {@code getMore}. */
    private final class ScanCursor extends AbstractCursor {

        private final Scan scan;
        private int remaining;

        ScanCursor(long id, Scan scan, int remaining) {
            super(id);
            this.scan = scan;
            this.remaining = remaining;
        }

        @Override
        public boolean isEmpty() {
            synchronized (IndexedH2Collection.this) {
                return remaining <= 0 || !scan.hasMore();
            }
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            synchronized (IndexedH2Collection.this) {
                int count = Math.min(remaining, numberToReturn > 0 ? numberToReturn : DEFAULT_GET_MORE);
                List<Document> documents = scan.take(count);
                remaining -= documents.size();
                return documents;
            }
        }
    }
}
