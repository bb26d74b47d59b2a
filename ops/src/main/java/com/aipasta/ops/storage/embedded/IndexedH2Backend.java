package com.aipasta.ops.storage.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded server's storage: mongo-java-server's H2 MVStore backend, whose collections use ordered secondary
 * indexes ({@link OrderedIndex}) for equality, range and sort instead of scanning every document.
 * <p>
 * The file is written by commits that are consistent cuts: a commit waits for the commands under way and holds new
 * ones back while it takes the state of every collection, so after a crash the file holds exactly the commands
 * completed before some instant. MVStore's own background commit takes each collection's state at a slightly
 * different instant, so under concurrent writes it could keep a later write (a processor's token) and lose an earlier
 * one (the read model document the token vouches for).
 * <p>
 * Only taking that state needs the commands held back. Writing it to the file (serializing every changed page, a
 * tenth of all CPU under load) is left to MVStore's serialization thread, so commands go on meanwhile; MVStore has
 * that thread only while its background writer runs, which is therefore started with a delay it never reaches.
 */
public final class IndexedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Backend.class);
    /** What MVStore's background writer would aim for when it rewrites sparse chunks while writes go on. */
    private static final int COMPACTION_FILL_RATE = 80;
    private static final int COMPACTION_WRITE_BYTES = 1 << 20;
    /** An auto-commit delay MVStore's background writer never reaches: the commits are this class's alone. */
    private static final int NEVER = Integer.MAX_VALUE;

    /** Set by {@link #commitLock()}: the base constructor opens the databases in the file before fields are set. */
    private ReadWriteLock commitLock;
    private final ScheduledExecutorService committer;
    private volatile EventAgeLimit eventAgeLimit;

    private IndexedH2Backend(MVStore store, Duration commitInterval) {
        super(store);
        if (commitInterval == null) {
            committer = null;
            return;
        }
        committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-commit");
            thread.setDaemon(true);
            return thread;
        });
        committer.scheduleWithFixedDelay(this::commitAndCompact, commitInterval.toMillis(),
                commitInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or creates) the database file, committed every {@code commitInterval}; an
     * {@link org.h2.mvstore.MVStoreException} if another process holds it.
     */
    public static IndexedH2Backend open(String fileName, int cacheSizeMegabytes, Duration commitInterval) {
        // MVStore hands this handler what fails while it opens too: a file another process holds ends in H2's own
        // NullPointerException as the store closes again, which is no write failure; the open's exception says it.
        AtomicBoolean opened = new AtomicBoolean();
        MVStore store = new MVStore.Builder().fileName(fileName).cacheSize(cacheSizeMegabytes)
                .autoCommitDisabled().autoCommitBufferSize(0)
                .backgroundExceptionHandler((thread, e) -> {
                    if (opened.get()) {
                        log.error("Could not write the embedded database's file", e);
                    }
                })
                .open();
        opened.set(true);
        store.setAutoCommitDelay(NEVER);
        return new IndexedH2Backend(store, commitInterval);
    }

    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(new MVStore.Builder().open(), null);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry(), commitLock().readLock(),
                () -> eventAgeLimit);
    }

    /** From now on, inserts are checked against {@code limit} (see {@link EventAgeLimit}). */
    public void refuseLateEvents(EventAgeLimit limit) {
        eventAgeLimit = limit;
    }

    /** Writes everything the commands completed so far, and nothing of those under way. */
    @Override
    public void commit() {
        commitLock().writeLock().lock();
        try {
            if (getMvStore().hasUnsavedChanges()) {
                getMvStore().commit();
            }
        } finally {
            commitLock().writeLock().unlock();
        }
    }

    private ReadWriteLock commitLock() {
        if (commitLock == null) {
            commitLock = new ReentrantReadWriteLock();
        }
        return commitLock;
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdown();
            try {
                committer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commitLock().writeLock().lock();
        try {
            super.close();
        } finally {
            commitLock().writeLock().unlock();
        }
    }

    /**
     * Takes the state of every collection with the commands held back, and lets them go on while it is written. The
     * states are written in the order they were taken; one taken while three are still queued waits for them. Rewriting
     * sparse chunks moves pages without changing them, so it need not hold the commands back either.
     */
    private void commitAndCompact() {
        try {
            if (!getMvStore().isClosed()) {
                commitLock().writeLock().lock();
                try {
                    getMvStore().tryCommit();
                } finally {
                    commitLock().writeLock().unlock();
                }
                getMvStore().compact(COMPACTION_FILL_RATE, COMPACTION_WRITE_BYTES);
            }
        } catch (RuntimeException e) {
            log.error("Could not write the embedded database's file; trying again at the next commit", e);
        }
    }
}
