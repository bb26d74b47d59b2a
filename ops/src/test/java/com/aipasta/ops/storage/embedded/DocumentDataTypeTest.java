package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents go to the file as BSON, and one holding a value BSON cannot hold still goes, serialized as before. */
class DocumentDataTypeTest {

    @TempDir
    Path dataDir;

    @Test
    void everyDocumentIsReadBackAsItWasWrittenEvenOneBsonCannotHold() {
        String file = dataDir.resolve("documents.mv.db").toString();
        Document bson = new Document("_id", "a").append("at", Instant.parse("2026-12-01T00:00:00Z"))
                .append("list", List.of(1, "two"));
        Document notBson = new Document("_id", "b").append("date", new Date(1_700_000_000_000L));
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<String, Document> documents = open(store);
            documents.put("a", bson);
            documents.put("b", notBson);
            store.commit();
        }

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<String, Document> documents = open(store);
            assertThat(documents.get("a")).isEqualTo(bson);
            assertThat(documents.get("b")).isEqualTo(notBson);
        }
    }

    private static MVMap<String, Document> open(MVStore store) {
        return store.openMap("documents", new MVMap.Builder<String, Document>()
                .valueType(new DocumentDataType()));
    }
}
