package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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
}
