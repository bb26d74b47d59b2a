package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys go to the file as before but ObjectIds, which take their twelve bytes; a file written before reads the same. */
class DocumentKeyDataTypeTest {

    @TempDir
    Path dataDir;

    @Test
    void aFileWrittenWithTheOldKeysOpensInTheSameOrderAndTakesNewKeysAmongThem() {
        String file = dataDir.resolve("keys.mv.db").toString();
        List<Object> keys = new ArrayList<>();
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, String> before = open(store, new ObjectDataType());
            for (int i = 0; i < 300; i++) {
                Object key = i % 3 == 0 ? new ObjectId() : i % 3 == 1 ? "key-" + i : (long) i;
                before.put(key, "value " + i);
                keys.add(key);
            }
            store.commit();
        }

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, String> documents = open(store, new DocumentKeyDataType());
            for (int i = 0; i < 300; i++) {
                Object key = new ObjectId();
                documents.put(key, "new value " + i);
                keys.add(key);
            }
            store.commit();
        }

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, String> documents = open(store, new DocumentKeyDataType());
            List<Object> ordered = new ArrayList<>(keys);
            ordered.sort(new ObjectDataType()::compare);
            assertThat(new ArrayList<>(documents.keySet())).isEqualTo(ordered);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(documents.get(keys.get(i))).isEqualTo(i < 300 ? "value " + i : "new value " + (i - 300));
            }
        }
    }

    @Test
    void keysAreOrderedAsBefore() {
        Comparator<Object> before = new ObjectDataType()::compare;
        Comparator<Object> now = new DocumentKeyDataType()::compare;
        List<Object> keys = List.of(new ObjectId(), new ObjectId(), "b", "a", "ab", 3L, -2L, 7, 1.5);

        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(Integer.signum(now.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(before.compare(a, b)));
            }
        }
    }

    @Test
    void anObjectIdTakesItsTwelveBytesAndATag() {
        ObjectId id = new ObjectId();

        assertThat(written(new DocumentKeyDataType(), id)).isEqualTo(13);
        assertThat(written(new ObjectDataType(), id)).isGreaterThan(50);
        assertThat(written(new DocumentKeyDataType(), "an id")).isEqualTo(written(new ObjectDataType(), "an id"));
    }

    /**
     * Pages split by the memory their keys and values count for: a page of documents keyed by ObjectIds (events) holds
     * one, whatever keys were read or written before.
     */
    @Test
    void aPageOfObjectIdKeysHoldsOneOfThem() {
        String file = dataDir.resolve("pages.mv.db").toString();
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, String> before = open(store, new ObjectDataType());
            for (int i = 0; i < 100; i++) {
                before.put(new ObjectId(), "v");
            }
            store.commit();
        }

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, String> documents = open(store, new DocumentKeyDataType());
            documents.keySet().forEach(documents::get);
            for (int i = 0; i < 300; i++) {
                documents.put(new ObjectId(), "v");
            }

            assertThat(leaves(documents.getRootPage())).isEqualTo(400);
        }
    }

    private static int leaves(Page<Object, String> page) {
        if (page.isLeaf()) {
            return 1;
        }
        int leaves = 0;
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            leaves += leaves(page.getChildPage(i));
        }
        return leaves;
    }

    private static int written(DataType<Object> type, Object key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        return buffer.position();
    }

    /** The map of keys and values, its keys written by {@code keys}: H2's own type as before, or the one now. */
    private static MVMap<Object, String> open(MVStore store, DataType<Object> keys) {
        return store.openMap("documents", new MVMap.Builder<Object, String>().keyType(keys));
    }
}
