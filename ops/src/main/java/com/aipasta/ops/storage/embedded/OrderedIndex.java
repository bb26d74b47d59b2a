package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A secondary index of the embedded server kept in key order, unique or not, for equality, range and sort.
 * <p>
 * It lives in memory and is rebuilt from the collection when the database opens, so files written before it existed
 * open with it, and a crash can never leave it out of step with the documents. An entry is the document's key values
 * followed by its position (its {@code _id}), so equal keys stay distinct and in a stable order. A document holding
 * an array under a key has one entry per element (a multikey index), as in MongoDB.
 */
final class OrderedIndex extends Index<Object> {

    /**
     * Bounds of a scan: before every value of a key, just after null (where a range operator's matches start, since
     * none of them matches null or a missing field), and after every value.
     */
    enum Bound { LOWEST, ABOVE_NULL, HIGHEST }

    /**
     * A document's key values and its position. When its first value is a string, {@code head} and {@code tail} hold
     * that string's first sixteen characters a byte each ({@link #abbreviation}), and two such entries whose bytes
     * differ are ordered by them without reading their values: a walk of the skip list compares an entry at each step,
     * and reading a value (the values' array, the string, its bytes) costs cache misses. Among half a million entries
     * keyed by random ids, an insert takes half the time this way.
     */
    record Entry(Object[] values, Object position, boolean abbreviated, long head, long tail) {

        Entry(Object[] values, Object position) {
            this(values, position, values[0] instanceof String, abbreviation(values[0], 0), abbreviation(values[0], 8));
        }
    }

    /**
     * Ends an abbreviation: a character from this one up does not fit a byte, and is written as this byte with none
     * after it, so that two strings are told apart by their bytes only where their characters differ that way too.
     */
    private static final int LAST_BYTE = 0xFF;

    /** A range counted before, from a lowest to a highest bound, and how many entries it holds now. */
    private static final class CountedRange {

        private Entry first;
        private Entry last;
        private long size;

        CountedRange(Entry first, Entry last, long size) {
            this.first = first;
            this.last = last;
            this.size = size;
        }
    }

    /** How many ranges {@link #count} keeps the size of: a processor's look-back window each, and a few more. */
    private static final int COUNTED_RANGES = 4;

    private final boolean unique;
    private final List<String> keyFields;
    /** The keys when each names a top-level field, as most do, or null when one names a path into a subdocument. */
    private final String[] topLevelFields;
    private final NavigableSet<Entry> entries;
    private volatile boolean multiKey;
    /** The ranges counted last, the latest first; changed, like the entries, under the collection's lock. */
    private final Deque<CountedRange> countedRanges = new ArrayDeque<>(COUNTED_RANGES);
    /** Entries passed to answer counts so far, for tests. */
    private long entriesCounted;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique) {
        super(name, keys, sparse);
        this.unique = unique;
        this.keyFields = List.copyOf(keys());
        this.topLevelFields = keyFields.stream().allMatch(key -> key.indexOf('.') < 0)
                ? keyFields.toArray(String[]::new) : null;
        this.entries = new ConcurrentSkipListSet<>(entryOrder(keys));
    }

    static Comparator<Entry> entryOrder(List<IndexKey> keys) {
        boolean[] ascending = new boolean[keys.size()];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = keys.get(i).isAscending();
        }
        return (a, b) -> {
            if (a.abbreviated && b.abbreviated && (a.head != b.head || a.tail != b.tail)) {
                int order = a.head != b.head ? Long.compareUnsigned(a.head, b.head)
                        : Long.compareUnsigned(a.tail, b.tail);
                return ascending[0] ? order : -order;
            }
            for (int i = 0; i < ascending.length; i++) {
                int order = compare(ascending[i], a.values[i], b.values[i]);
                if (order != 0) {
                    return order;
                }
            }
            return compare(true, a.position, b.position);
        };
    }

    /**
     * Eight bytes of a string's abbreviation, from its character {@code from} on: each character below
     * {@link #LAST_BYTE} as its byte, the end of the string as zeros, and the first character from {@code LAST_BYTE} up
     * as that byte followed by zeros; zero for anything but a string. Strings ordered one way by their abbreviations
     * are ordered that way by {@link String#compareTo}: up to the first byte that differs, each character is equal to
     * the other string's, or both strings have ended or both reached {@code LAST_BYTE} (then nothing differs after).
     */
    private static long abbreviation(Object value, int from) {
        if (!(value instanceof String string)) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < from + Long.BYTES; i++) {
            int character = i < string.length() ? string.charAt(i) : 0;
            if (character >= LAST_BYTE) {
                return i < from ? 0 : (bytes << Byte.SIZE | LAST_BYTE) << Byte.SIZE * (from + Long.BYTES - 1 - i);
            }
            if (i >= from) {
                bytes = bytes << Byte.SIZE | character;
            }
        }
        return bytes;
    }

    /**
     * As the server's {@link ValueComparator} orders values, which works out both values' BSON types first. Most keys
     * are strings, longs, ObjectIds, dates and booleans, which it orders as Java does; they are compared directly,
     * since every read and write of an index compares a logarithm of its size of them.
     */
    static int compare(boolean ascending, Object a, Object b) {
        if (a instanceof Bound || b instanceof Bound) {
            return Integer.compare(rank(a, ascending), rank(b, ascending));
        }
        int order;
        if (a instanceof String first && b instanceof String second) {
            order = first.compareTo(second);
        } else if (a instanceof Long first && b instanceof Long second) {
            order = Long.compare(first, second);
        } else if (a instanceof ObjectId first && b instanceof ObjectId second) {
            order = first.compareTo(second);
        } else if (a instanceof Instant first && b instanceof Instant second) {
            order = first.compareTo(second);
        } else if (a instanceof Boolean first && b instanceof Boolean second) {
            order = first.compareTo(second);
        } else {
            return ascending ? ValueComparator.asc().compare(a, b) : ValueComparator.desc().compare(a, b);
        }
        return ascending ? order : -order;
    }

    /** Where a value or a bound falls in scan order when a bound is involved: null comes first ascending, last descending. */
    private static int rank(Object value, boolean ascending) {
        if (value instanceof Bound bound) {
            return switch (bound) {
                case LOWEST -> 0;
                case ABOVE_NULL -> 2;
                case HIGHEST -> 4;
            };
        }
        return Missing.isNullOrMissing(value) == ascending ? 1 : 3;
    }

    /** The entries from {@code from} to {@code to}, both inclusive, in index order or reversed (none if to is below). */
    NavigableSet<Entry> scan(Object[] from, Object[] to, boolean reverse) {
        boolean openBelow = allAre(from, Bound.LOWEST);
        boolean openAbove = allAre(to, Bound.HIGHEST);
        Entry first = new Entry(from, Bound.LOWEST);
        Entry last = new Entry(to, Bound.HIGHEST);
        if (entries.comparator().compare(first, last) > 0) {
            return Collections.emptyNavigableSet();
        }
        // An open end is left out of the range: a bounded one is compared with every entry the scan passes.
        NavigableSet<Entry> range = openAbove ? (openBelow ? entries : entries.tailSet(first, true))
                : openBelow ? entries.headSet(last, true) : entries.subSet(first, true, last, true);
        return reverse ? range.descendingSet() : range;
    }

    private static boolean allAre(Object[] values, Bound bound) {
        for (Object value : values) {
            if (value != bound) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many entries lie from {@code from} to {@code to}, both inclusive; called under the collection's lock. A
     * tracking read of the event stream counts the events of its look-back window at every read, and the window has
     * moved on a little since the last one: a range that overlaps one counted lately is counted by the entries
     * between their ends, from that range's size, which every add and remove since has kept current. Counting the
     * window whole each time cost as much as it holds events (thousands under load), at every read.
     */
    long count(Object[] from, Object[] to) {
        Entry first = new Entry(from, Bound.LOWEST);
        Entry last = new Entry(to, Bound.HIGHEST);
        Comparator<? super Entry> order = entries.comparator();
        if (order.compare(first, last) > 0) {
            return 0;
        }
        CountedRange counted = countedRanges.stream()
                .filter(range -> order.compare(first, range.last) <= 0 && order.compare(range.first, last) <= 0)
                .findFirst().orElse(null);
        if (counted == null) {
            counted = new CountedRange(first, last, between(first, last));
            if (countedRanges.size() == COUNTED_RANGES) {
                countedRanges.removeLast();
            }
        } else {
            countedRanges.remove(counted);
            counted.size += order.compare(first, counted.first) < 0 ? between(first, counted.first)
                    : -between(counted.first, first);
            counted.size += order.compare(last, counted.last) > 0 ? between(counted.last, last)
                    : -between(last, counted.last);
            counted.first = first;
            counted.last = last;
        }
        countedRanges.addFirst(counted);
        return counted.size;
    }

    /** The entries between two bounds, which no entry equals. */
    private long between(Entry low, Entry high) {
        long size = entries.subSet(low, false, high, false).size();
        entriesCounted += size;
        return size;
    }

    long entriesCounted() {
        return entriesCounted;
    }

    /** Keeps the sizes of the counted ranges current as an entry comes or goes. */
    private void counted(Entry entry, int change) {
        Comparator<? super Entry> order = entries.comparator();
        for (CountedRange range : countedRanges) {
            if (order.compare(range.first, entry) < 0 && order.compare(entry, range.last) < 0) {
                range.size += change;
            }
        }
    }

    /**
     * Whether each entry holds all a document's values for the fields the query names, which it then decides alone:
     * the query names only top-level fields among the keys (within {@code $and} too), and no document has an array
     * under a key or is left out as sparse.
     */
    boolean holdsEveryField(Document query) {
        if (multiKey || isSparse()) {
            return false;
        }
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            boolean held = field.equals("$and")
                    ? condition.getValue() instanceof List<?> terms && terms.stream()
                    .allMatch(term -> term instanceof Document document && holdsEveryField(document))
                    : field.indexOf('.') < 0 && keyFields.contains(field);
            if (!held) {
                return false;
            }
        }
        return true;
    }

    /** The fields of the keys, in order. */
    List<String> keyFields() {
        return keyFields;
    }

    boolean isMultiKey() {
        return multiKey;
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return super.hasSameOptions(other) && other.isUnique() == unique;
    }

    private boolean skips(Document document) {
        return isSparse() && keyFields.stream().allMatch(key -> valueOf(document, key) instanceof Missing);
    }

    /**
     * The document's values for the keys, as the server's own {@link Index#getKeyValues} gives them. It works out a
     * key's value by splitting its path with a regular expression each time, and every write runs it for every index
     * of the collection, twice for an update; a key naming a top-level field is simply the field, unless it holds an
     * array (one entry per element), which is left to the server's.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        if (topLevelFields == null) {
            return super.getKeyValues(document);
        }
        Object[] values = new Object[topLevelFields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = document.getOrMissing(topLevelFields[i]);
            if (values[i] instanceof Collection) {
                return super.getKeyValues(document);
            }
        }
        return Set.of(new KeyValue(values).normalized());
    }

    private Object valueOf(Document document, String key) {
        return topLevelFields == null ? Utils.getSubdocumentValue(document, key) : document.getOrMissing(key);
    }

    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    @Override
    public Object getPosition(Document document) {
        if (!unique || skips(document)) {
            return null;
        }
        for (KeyValue keyValue : getKeyValues(document)) {
            Entry holder = holderOf(keyValue, null);
            if (holder != null) {
                return holder.position();
            }
        }
        return null;
    }

    /**
     * The entry holding these key values, if any; answered from the collection's stored keys when they are this
     * index's entries (see {@link IndexedH2Collection#storedKeyOf}) and it has one for every stored document, which it
     * lacks while it is built over documents stored before it.
     */
    private Entry holderOf(KeyValue keyValue, MongoCollection<Object> collection) {
        Object[] values = valuesOf(keyValue);
        if (collection instanceof IndexedH2Collection stored) {
            Object key = stored.storedKeyOf(keyFields, values);
            if (key != null && entries.size() == stored.count()) {
                return stored.holds(key) ? new Entry(values, key) : null;
            }
        }
        Entry first = entries.ceiling(new Entry(values, Bound.LOWEST));
        return first != null && entries.comparator().compare(first, new Entry(values, first.position())) == 0
                ? first : null;
    }

    private static Object[] valuesOf(KeyValue keyValue) {
        return keyValue.stream().toArray();
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        checkUnique(document, null, collection);
    }

    private void checkUnique(Document document, Object ownPosition, MongoCollection<Object> collection) {
        if (!unique || skips(document)) {
            return;
        }
        for (KeyValue keyValue : getKeyValues(document)) {
            Entry holder = holderOf(keyValue, collection);
            if (holder != null && !holder.position().equals(ownPosition)) {
                throw new DuplicateKeyError(this, collection, getKeys(), keyValue);
            }
        }
    }

    /**
     * Adds the document's entries. Uniqueness is not checked again: the server checks every index of a collection
     * ({@link #checkAdd}) before it adds a document to any of them, under the collection's lock.
     */
    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        if (skips(document)) {
            return;
        }
        Set<KeyValue> keyValues = getKeyValues(document);
        if (keyValues.size() > 1) {
            multiKey = true;
        }
        for (KeyValue keyValue : keyValues) {
            Entry entry = new Entry(valuesOf(keyValue), position);
            if (entries.add(entry)) {
                counted(entry, 1);
            }
        }
    }

    @Override
    public Object remove(Document document) {
        if (skips(document)) {
            return null;
        }
        Object position = positionOf(document);
        for (KeyValue keyValue : getKeyValues(document)) {
            Entry entry = new Entry(valuesOf(keyValue), position);
            if (entries.remove(entry)) {
                counted(entry, -1);
            }
        }
        return position;
    }

    /**
     * Most updates leave an index's fields as they were, and equal values are equal keys: only values that differ
     * have their keys worked out and compared, as the server does for every update and index.
     */
    @Override
    protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
        return sameTopLevelValues(oldDocument, newDocument) || super.nullAwareEqualsKeys(oldDocument, newDocument);
    }

    private boolean sameTopLevelValues(Document oldDocument, Document newDocument) {
        if (topLevelFields == null) {
            return false;
        }
        for (String field : topLevelFields) {
            if (!Objects.equals(oldDocument.getOrMissing(field), newDocument.getOrMissing(field))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            checkUnique(newDocument, positionOf(oldDocument), collection);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    /** Open to {@link QueryPlan}: a sparse index has no entry for a document missing all its keys. */
    @Override
    public boolean isSparse() {
        return super.isSparse();
    }

    /** Queries are planned by {@link IndexedH2Collection}, which scans this index itself. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by the collection");
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    /** Removes every entry (the collection emptied, or this index dropped). */
    @Override
    public void drop() {
        entries.clear();
        countedRanges.clear();
        multiKey = false;
    }
}
