package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * The embedded server's storage: mongo-java-server's H2 MVStore backend, whose collections use ordered secondary
 * indexes ({@link OrderedIndex}) for equality, range and sort instead of scanning every document.
 */
public final class IndexedH2Backend extends H2Backend {

    private IndexedH2Backend(MVStore store) {
        super(store);
    }

    /** Opens (or creates) the database file; an {@link org.h2.mvstore.MVStoreException} if another process holds it. */
    public static IndexedH2Backend open(String fileName, int cacheSizeMegabytes) {
        return new IndexedH2Backend(new MVStore.Builder().fileName(fileName).cacheSize(cacheSizeMegabytes).open());
    }

    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(new MVStore.Builder().open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
