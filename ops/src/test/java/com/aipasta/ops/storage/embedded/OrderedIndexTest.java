package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class OrderedIndexTest {

    @Property(tries = 2_000)
    void ordersKeysAsTheServersComparatorDoes(@ForAll("keys") Object a, @ForAll("keys") Object b) {
        assertThat(Integer.signum(OrderedIndex.compare(true, a, b)))
                .isEqualTo(Integer.signum(ValueComparator.asc().compare(a, b)));
        assertThat(Integer.signum(OrderedIndex.compare(false, a, b)))
                .isEqualTo(Integer.signum(ValueComparator.desc().compare(a, b)));
    }

    /** Values of the kinds compared directly, mixed with each other and with kinds the server's comparator orders. */
    @Provide
    Arbitrary<Object> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("aAzZ0ä✓\uD83D\uDE00").ofMaxLength(4),
                Arbitraries.longs(),
                Arbitraries.longs().between(-3, 3),
                Arbitraries.integers().between(-3, 3),
                Arbitraries.doubles().between(-3, 3),
                Arbitraries.bytes().array(byte[].class).ofSize(12).map(ObjectId::new),
                Arbitraries.just(new ObjectId("000000000000000000000001")),
                Arbitraries.longs().between(-5_000, 5_000).map(Instant::ofEpochMilli),
                Arbitraries.of(true, false),
                Arbitraries.just(null));
    }

    /**
     * Two entries are ordered by their first values, then by their positions, whether their abbreviations decide or
     * their values do: strings that share long beginnings, characters at the ends of a byte's range and beyond it,
     * strings that end where another goes on, and values that are not strings.
     */
    @Property(tries = 5_000)
    void ordersEntriesAsTheirValuesWhereTheirAbbreviationsDecide(@ForAll("firstValues") Object a,
                                                                  @ForAll("firstValues") Object b,
                                                                  @ForAll boolean ascending) {
        Comparator<OrderedIndex.Entry> order = OrderedIndex.entryOrder(List.of(new IndexKey("k", ascending)));
        int byValues = Integer.signum(OrderedIndex.compare(ascending, a, b));

        int ordered = Integer.signum(order.compare(new OrderedIndex.Entry(new Object[]{a}, "p1"),
                new OrderedIndex.Entry(new Object[]{b}, "p2")));

        assertThat(ordered).isEqualTo(byValues != 0 ? byValues : -1);
    }

    @Provide
    Arbitrary<Object> firstValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("a\u0000\u00fe\u00ff\u0100ä✓").ofMaxLength(18),
                Arbitraries.strings().withChars("ab").ofMinLength(14).ofMaxLength(18),
                Arbitraries.strings().withChars("ab").ofMaxLength(3).map(tail -> "session-1234abcd" + tail),
                Arbitraries.longs().between(-3, 3),
                Arbitraries.bytes().array(byte[].class).ofSize(12).map(ObjectId::new),
                Arbitraries.just(null));
    }

    /**
     * An index works out a document's key values itself for keys naming top-level fields: they must be what the
     * server's own index gives, whatever the fields hold (numbers it normalizes, subdocuments, arrays, nothing), and a
     * sparse one must leave out the documents without any of its fields, as MongoDB does.
     */
    @Property(tries = 2_000)
    void givesTheKeyValuesTheServersOwnIndexGives(@ForAll("documents") Document document, @ForAll boolean compound,
                                                  @ForAll boolean sparse) {
        List<IndexKey> keys = compound ? List.of(new IndexKey("a", true), new IndexKey("b", false))
                : List.of(new IndexKey("a", true));
        MemoryUniqueIndex servers = new MemoryUniqueIndex("reference", keys, sparse);
        OrderedIndex ordered = new OrderedIndex("ordered", keys, sparse, false);

        Object serversKeyValues = outcome(() -> servers.getKeyValues(document));

        assertThat(outcome(() -> ordered.getKeyValues(document))).isEqualTo(serversKeyValues);
        boolean leftOut = sparse && keys.stream().noneMatch(key -> document.containsKey(key.getKey()));
        try {
            ordered.add(document, 1, null);
            assertThat(ordered.getCount()).isEqualTo(leftOut ? 0 : ((Set<?>) serversKeyValues).size());
        } catch (RuntimeException refused) {
            assertThat(serversKeyValues).isEqualTo(refused.getClass());
        }
    }

    /**
     * An update leaves an index's entries as they were only when the server's own index finds its keys the same, and
     * always when it changed other fields only. Keys found the same may still be worked out again: the server's own
     * comparison, which decides where the values differ, takes an array holding the same values in another order for
     * a change.
     */
    @Property(tries = 2_000)
    void keepsAnUpdatesKeysOnlyWhenTheServersOwnIndexFindsThemUnchanged(@ForAll("documents") Document before,
                                                                       @ForAll("documents") Document other,
                                                                       @ForAll boolean otherFieldsOnly,
                                                                       @ForAll boolean compound) {
        List<IndexKey> keys = compound ? List.of(new IndexKey("a", true), new IndexKey("b", false))
                : List.of(new IndexKey("a", true));
        MemoryUniqueIndex servers = new MemoryUniqueIndex("reference", keys, false);
        Assume.that(outcome(() -> servers.getKeyValues(before)) instanceof Set);
        Document after = otherFieldsOnly ? before.cloneDeeply().append("c", "changed") : other;

        Object serversAnswer = outcome(() -> servers.getKeyValues(before).equals(servers.getKeyValues(after)));
        Object kept = outcome(() -> new OrderedIndex("ordered", keys, false, false).nullAwareEqualsKeys(before, after));

        if (serversAnswer instanceof Boolean) {
            assertThat(kept).as("an update the server's index takes").isInstanceOf(Boolean.class);
        }
        if (Boolean.TRUE.equals(kept)) {
            assertThat(serversAnswer).as("entries kept for keys the server finds changed").isEqualTo(true);
        }
        if (otherFieldsOnly) {
            assertThat(kept).isEqualTo(true);
        }
    }

    private static Object outcome(Supplier<?> result) {
        try {
            return result.get();
        } catch (RuntimeException refused) {
            return refused.getClass();
        }
    }

    @Provide
    Arbitrary<Document> documents() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(keys(),
                Arbitraries.just(-0.0), Arbitraries.just(Long.MAX_VALUE), Arbitraries.just(true),
                Arbitraries.just(Instant.EPOCH));
        Arbitrary<Object> value = Arbitraries.oneOf(scalar,
                scalar.list().ofMaxSize(3).map(Object.class::cast),
                scalar.map(inner -> (Object) new Document("x", inner).append("y", 1)));
        return Combinators.combine(value.injectNull(0.2), value.injectNull(0.2), Arbitraries.integers().between(0, 3))
                .as((a, b, absent) -> {
                    Document document = new Document("_id", 1);
                    if ((absent & 1) == 0) {
                        document.append("a", a);
                    }
                    if ((absent & 2) == 0) {
                        document.append("b", b);
                    }
                    return document;
                });
    }

    /**
     * Entries come and go, some of them inside ranges counted before, and ranges are counted as they slide on, jump
     * back, grow and shrink, more of them than are kept: every count is what the entries in the range are.
     */
    @Property(tries = 300)
    void countsTheEntriesOfARangeWhateverCameAndWentSinceItWasCounted(@ForAll long seed) {
        Random random = new Random(seed);
        OrderedIndex index = timeIndex();
        List<Document> stored = new ArrayList<>();
        long from = 0;
        for (int step = 0; step < 400; step++) {
            int action = random.nextInt(4);
            if (action == 0 || stored.isEmpty()) {
                Document document = new Document("_id", step).append("t", (long) random.nextInt(60));
                index.add(document, step, null);
                stored.add(document);
            } else if (action == 1) {
                index.remove(stored.remove(random.nextInt(stored.size())));
            } else {
                from = action == 2 ? from + random.nextInt(4) : random.nextInt(70) - 5;
                long to = from + random.nextInt(25) - 3;
                long first = from;
                assertThat(index.count(new Object[]{first}, new Object[]{to})).as("from %d to %d", first, to)
                        .isEqualTo(stored.stream().map(document -> (long) document.get("t"))
                                .filter(t -> t >= first && t <= to).count());
            }
        }
    }

    @Test
    void aRangeThatMovedOnIsCountedByTheEntriesBetweenItsOldAndNewEnds() {
        OrderedIndex index = timeIndex();
        for (long t = 0; t < 10_000; t++) {
            index.add(new Document("_id", t).append("t", t), t, null);
        }
        assertThat(index.count(new Object[]{1_000L}, new Object[]{5_999L})).isEqualTo(5_000);
        for (long t = 10_000; t < 10_100; t++) {
            index.add(new Document("_id", t).append("t", t), t, null);
        }
        index.add(new Document("_id", -1L).append("t", 3_000L), -1L, null);
        index.remove(new Document("_id", 1_500L).append("t", 1_500L));
        long before = index.entriesCounted();

        long counted = index.count(new Object[]{1_050L}, new Object[]{6_099L});

        assertThat(counted).isEqualTo(5_050 - 1 + 1);
        assertThat(index.entriesCounted() - before).isEqualTo(50 + 100);
    }

    private static OrderedIndex timeIndex() {
        return new OrderedIndex("t_1", List.of(new IndexKey("t", true)), false, false);
    }
}
