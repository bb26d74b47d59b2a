package com.aipasta.ops.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event store whose shared reader, woken by an append while it waits for events, reads them {@code readDelay}
 * later, unless a request waiting to read its own write asks for them sooner ({@link #readNow}). The events a turn
 * appends one after another (its reservation, its start, its answer, its settlement) then reach every processor in
 * one batch instead of one batch an append, and that work does not share the cores with the turn while it streams.
 * A reader that finds events reads on at once, so under load the delay changes nothing but the size of the batches.
 * The processors behind the head of the stream share their reads too, as long as they read from the same position
 * (see {@link CatchUpReads}); a processor that has caught up joins the shared reader.
 */
final class LingeringEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(LingeringEventStore.class);

    static final Duration MAX_READ_DELAY = Duration.ofSeconds(1);
    /** Long enough for a batch of the slowest read model on a loaded machine; a reader left behind reads alone. */
    static final Duration CATCH_UP_STALL_LIMIT = Duration.ofSeconds(10);

    private final long readDelayNanos;
    private final AtomicBoolean readPending = new AtomicBoolean();
    /** About 14 minutes, longer than any lag that should hold turns back. */
    private final RecentAppends recentAppends = new RecentAppends(8_192);
    private final ScheduledExecutorService reads = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "event-store-read-delay");
        thread.setDaemon(true);
        return thread;
    });

    /** How long a store shutting down waits for its reads under way, a stalled database included. */
    static final Duration READS_AT_SHUTDOWN = Duration.ofSeconds(5);
    private static final Duration WAKE_INTERVAL = Duration.ofMillis(20);

    private final CatchUpReads catchUp;
    private final ReaderThreads readers;

    LingeringEventStore(Builder builder, Duration readDelay, int cachedEvents, int readBatch) {
        this(builder, readDelay, cachedEvents, readBatch, new ReaderThreads());
    }

    private LingeringEventStore(Builder builder, Duration readDelay, int cachedEvents, int readBatch,
                                ReaderThreads readers) {
        super(builder.cachedEvents(cachedEvents).threadFactory(readers.named("EmbeddedEventStore")));
        if (readDelay.isNegative() || readDelay.compareTo(MAX_READ_DELAY) > 0) {
            throw new IllegalArgumentException("EVENT_STORE_READ_DELAY must be between 0 and "
                    + MAX_READ_DELAY.toMillis() + "ms, not " + readDelay);
        }
        this.readDelayNanos = readDelay.toNanos();
        this.catchUp = new CatchUpReads(storageEngine(), cachedEvents, readBatch, CATCH_UP_STALL_LIMIT,
                super::openStream, readers.named("event-store-catch-up"));
        this.readers = readers;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken position) {
        return catchUp.open(position);
    }

    /** When this process appended events lately (see {@link ProcessorsLag}). */
    RecentAppends recentAppends() {
        return recentAppends;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            recentAppends.appended(event.getTimestamp().toEpochMilli());
        }
        if (readDelayNanos == 0) {
            super.afterCommit(events);
        } else if (readPending.compareAndSet(false, true)) {
            reads.schedule(this::readNow, readDelayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Wakes the reader now for the events appended since it last read, if any are waiting for their delay. */
    void readNow() {
        if (readPending.compareAndSet(true, false)) {
            super.afterCommit(List.of());
        }
    }

    /**
     * Stops the reads and waits for those under way to end. The shared reader sees that it is stopped only once it
     * waits for events, so it is woken until it ends.
     */
    @Override
    public void shutDown() {
        reads.shutdownNow();
        catchUp.shutDown();
        super.shutDown();
        long deadline = System.nanoTime() + READS_AT_SHUTDOWN.toNanos();
        try {
            do {
                super.afterCommit(List.of());
                if (readers.awaitEnd(WAKE_INTERVAL)) {
                    return;
                }
            } while (System.nanoTime() < deadline);
            log.warn("A read of the event store was still under way {} after the store shut down", READS_AT_SHUTDOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
