package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
                Arbitraries.just(null));
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
