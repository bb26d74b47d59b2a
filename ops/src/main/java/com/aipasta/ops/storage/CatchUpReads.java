package com.aipasta.ops.storage;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One read of the event stream for the processors catching up from the same position (every read model after a
 * replay of them all, every processor after a restart), where each would otherwise read and decode every event on its
 * own. A processor's stream joins the run of reads that holds the position it opens at, or starts a run there. A run
 * reads ahead on a thread of its own while its processors handle what it read, keeps its last {@code window} events
 * for streams joining late, and stops reading while it is {@code window} events ahead of its slowest stream, so its
 * memory is bounded; a stream that has not moved for {@code stallLimit} while the run waits for it leaves the run and
 * reads on alone. A stream that reaches the end of its run, or leaves it, goes on with the stream {@code onItsOwn}
 * opens at its position: the event store's shared reader of the head of the stream.
 */
final class CatchUpReads {

    private static final Logger log = LoggerFactory.getLogger(CatchUpReads.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventStorageEngine storage;
    private final int window;
    private final int readBatch;
    private final long stallLimitNanos;
    private final Function<TrackingToken, TrackingEventStream> onItsOwn;
    private final ThreadFactory threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition read = lock.newCondition();
    private final List<Run> runs = new ArrayList<>();

    CatchUpReads(EventStorageEngine storage, int window, int readBatch, Duration stallLimit,
                 Function<TrackingToken, TrackingEventStream> onItsOwn, ThreadFactory threads) {
        if (window < 1 || readBatch < 1 || stallLimit.isNegative() || stallLimit.isZero()) {
            throw new IllegalArgumentException("window, read batch and stall limit must be positive");
        }
        this.storage = storage;
        this.window = window;
        this.readBatch = readBatch;
        this.stallLimitNanos = stallLimit.toNanos();
        this.onItsOwn = onItsOwn;
        this.threads = threads;
    }

    TrackingEventStream open(TrackingToken position) {
        lock.lock();
        try {
            for (Run run : runs) {
                for (Node node = run.oldest; node != null; node = node.next) {
                    if (Objects.equals(node.token, position)) {
                        return run.join(node);
                    }
                }
            }
            Run run = new Run(position);
            runs.add(run);
            Reader reader = run.join(run.oldest);
            threads.newThread(run::readAhead).start();
            return reader;
        } finally {
            lock.unlock();
        }
    }

    /** Ends every run; their streams go on alone. */
    void shutDown() {
        lock.lock();
        try {
            runs.forEach(run -> run.ended = true);
            read.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static final class Node {

        private final long index;
        private final TrackingToken token;
        private final TrackedEventMessage<?> event;
        private volatile Node next;

        private Node(long index, TrackingToken token, TrackedEventMessage<?> event) {
            this.index = index;
            this.token = token;
            this.event = event;
        }
    }

    /** Guarded by the lock, but for the nodes' links, which streams follow without it. */
    private final class Run {

        private final Set<Reader> readers = new HashSet<>();
        private final TrackingToken start;
        private Node oldest;
        private Node newest;
        private boolean ended;

        private Run(TrackingToken start) {
            this.start = start;
            oldest = newest = new Node(0, start, null);
        }

        private Reader join(Node at) {
            Reader reader = new Reader(this, at);
            readers.add(reader);
            return reader;
        }

        /** Reads until the run ends; however it stops, the run ends with it, so no stream waits on it for ever. */
        private void readAhead() {
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(start, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                while (awaitRoom()) {
                    List<TrackedEventMessage<?>> batch = new ArrayList<>(readBatch);
                    while (batch.size() < readBatch && events.hasNext()) {
                        batch.add(events.next());
                    }
                    append(batch);
                }
            } catch (RuntimeException e) {
                log.warn("A shared read of the event stream failed; its processors read on alone", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                end();
            }
        }

        /** Waits until the run may read more; false once it has ended. */
        private boolean awaitRoom() throws InterruptedException {
            lock.lock();
            try {
                while (!ended) {
                    Reader slowest = slowest();
                    if (newest.index - slowest.last.index < window) {
                        return true;
                    }
                    if (System.nanoTime() - slowest.movedAt > stallLimitNanos) {
                        slowest.dropped = true;
                        leave(slowest);
                    } else {
                        read.awaitNanos(POLL_NANOS);
                    }
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        /** Links the events read after the newest; fewer than a read's worth ends the run. */
        private void append(List<TrackedEventMessage<?>> batch) {
            lock.lock();
            try {
                for (TrackedEventMessage<?> event : batch) {
                    Node node = new Node(newest.index + 1, event.trackingToken(), event);
                    newest.next = node;
                    newest = node;
                }
                while (newest.index - oldest.index > window) {
                    oldest = oldest.next;
                }
                if (batch.size() < readBatch) {
                    ended = true;
                }
                read.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void end() {
            lock.lock();
            try {
                ended = true;
                read.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private Reader slowest() {
            Reader slowest = null;
            for (Reader reader : readers) {
                if (slowest == null || reader.last.index < slowest.last.index) {
                    slowest = reader;
                }
            }
            return slowest;
        }

        private void leave(Reader reader) {
            readers.remove(reader);
            if (readers.isEmpty()) {
                ended = true;
                runs.remove(this);
            }
        }
    }

    private final class Reader implements TrackingEventStream {

        private final Run run;
        private volatile Node last;
        private volatile long movedAt = System.nanoTime();
        private volatile boolean dropped;
        private TrackingEventStream alone;

        private Reader(Run run, Node last) {
            this.run = run;
            this.last = last;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (!hasNextAvailable()) {
                return Optional.empty();
            }
            return alone != null ? alone.peek() : Optional.of(last.next.event);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (alone == null && (nextInRun() != null || awaitNextInRun(unit.toNanos(timeout)))) {
                return true;
            }
            return alone != null && alone.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (alone == null) {
                if (nextInRun() != null || awaitNextInRun(Long.MAX_VALUE)) {
                    Node next = last.next;
                    last = next;
                    movedAt = System.nanoTime();
                    return next.event;
                }
            }
            return alone.nextAvailable();
        }

        /** The run's next event for this stream, unless it has been dropped from the run. */
        private Node nextInRun() {
            return dropped ? null : last.next;
        }

        /** Whether the run has the next event; false once this stream reads on alone, or when the wait is over. */
        private boolean awaitNextInRun(long nanos) throws InterruptedException {
            TrackingToken position;
            lock.lock();
            try {
                while (!dropped && last.next == null && !run.ended) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = read.awaitNanos(nanos);
                }
                if (nextInRun() != null) {
                    return true;
                }
                run.leave(this);
                position = last.token;
                last = null;
            } finally {
                lock.unlock();
            }
            alone = onItsOwn.apply(position);
            return false;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                run.leave(this);
            } finally {
                lock.unlock();
            }
            if (alone != null) {
                alone.close();
            }
        }
    }
}
