package com.aipasta.ops.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

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

    static final Duration MAX_READ_DELAY = Duration.ofSeconds(1);
    /** Long enough for a batch of the slowest read model on a loaded machine; a reader left behind reads alone. */
    static final Duration CATCH_UP_STALL_LIMIT = Duration.ofSeconds(10);

    private final long readDelayNanos;
    private final AtomicBoolean readPending = new AtomicBoolean();
    private final ScheduledExecutorService reads = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "event-store-read-delay");
        thread.setDaemon(true);
        return thread;
    });

    private final CatchUpReads catchUp;

    LingeringEventStore(Builder builder, Duration readDelay, int cachedEvents, int readBatch) {
        super(builder.cachedEvents(cachedEvents));
        if (readDelay.isNegative() || readDelay.compareTo(MAX_READ_DELAY) > 0) {
            throw new IllegalArgumentException("EVENT_STORE_READ_DELAY must be between 0 and "
                    + MAX_READ_DELAY.toMillis() + "ms, not " + readDelay);
        }
        this.readDelayNanos = readDelay.toNanos();
        this.catchUp = new CatchUpReads(storageEngine(), cachedEvents, readBatch, CATCH_UP_STALL_LIMIT,
                super::openStream);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken position) {
        return catchUp.open(position);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
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

    @Override
    public void shutDown() {
        reads.shutdownNow();
        catchUp.shutDown();
        super.shutDown();
    }
}
