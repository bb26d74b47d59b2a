package com.aipasta.ops.storage;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The processors' shared reader reads an append once its delay is over, or at once when a reader of the read models
 * asks; the appends of the delay are read together, in one read of the store. The reader's own polling is set to an
 * hour here, so that only these wake it; the longest delay (a second) leaves room for a busy machine.
 */
class LingeringEventStoreTest {

    @Test
    void appendsWaitForTheDelayUnlessAReaderAsksForThem() throws Exception {
        List<List<Object>> reads = new CopyOnWriteArrayList<>();
        LingeringEventStore store = store(LingeringEventStore.MAX_READ_DELAY, recordingEachRead(reads));
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("before the stream was read"));
            assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("before the stream was read");
            assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).isFalse();

            long appended = System.nanoTime();
            store.publish(GenericEventMessage.asEventMessage("first"));
            store.publish(GenericEventMessage.asEventMessage("second"));
            boolean readEarly = stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)
                    && System.nanoTime() - appended < LingeringEventStore.MAX_READ_DELAY.toNanos();
            assertThat(readEarly).as("read before the delay was over").isFalse();

            store.readNow();
            assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
            assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
            assertThat(reads).as("both read in one read of the store")
                    .anySatisfy(read -> assertThat(read).containsExactly("first", "second"));
        } finally {
            store.shutDown();
        }
    }

    @Test
    void anAppendIsReadOnceItsDelayIsOverOrAtOnceWithoutOne() throws Exception {
        for (Duration delay : new Duration[]{Duration.ofMillis(50), Duration.ZERO}) {
            LingeringEventStore store = store(delay);
            try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
                assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).isFalse();
                store.publish(GenericEventMessage.asEventMessage("appended"));
                assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).as("read after %s", delay).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("appended");
            } finally {
                store.shutDown();
            }
        }
    }

    /** The database connection closes right after the store: a read that outlived the store failed on it. */
    @Test
    void shuttingDownWaitsForTheReadUnderWay() throws Exception {
        AtomicBoolean holdReads = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        LingeringEventStore store = store(Duration.ZERO, new InMemoryEventStorageEngine() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
                if (holdReads.get()) {
                    reading.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    order.add("read ended");
                }
                return super.readEvents(token, mayBlock);
            }
        });
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            holdReads.set(true);
            store.publish(GenericEventMessage.asEventMessage("appended"));
            assertThat(reading.await(1, TimeUnit.MINUTES)).as("the shared reader reads the append").isTrue();

            Thread stopping = new Thread(() -> {
                store.shutDown();
                order.add("store shut down");
            });
            stopping.start();
            stopping.join(500);
            release.countDown();
            stopping.join(TimeUnit.MINUTES.toMillis(1));

            assertThat(order).containsExactly("read ended", "store shut down");
        }
    }

    @Test
    void aDelayBelowZeroOrAboveASecondIsRefused() {
        for (Duration delay : new Duration[]{Duration.ofMillis(-1), Duration.ofMillis(1_001)}) {
            assertThatThrownBy(() -> store(delay)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EVENT_STORE_READ_DELAY");
        }
    }

    private static LingeringEventStore store(Duration delay) {
        return store(delay, new InMemoryEventStorageEngine());
    }

    private static LingeringEventStore store(Duration delay, InMemoryEventStorageEngine storage) {
        return new LingeringEventStore(EmbeddedEventStore.builder().storageEngine(storage)
                .fetchDelay(1).timeUnit(TimeUnit.HOURS), delay, 10_000, 500);
    }

    /** A store that keeps the payloads each read of the event stream returned, one list a read. */
    private static InMemoryEventStorageEngine recordingEachRead(List<List<Object>> reads) {
        return new InMemoryEventStorageEngine() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
                List<Object> read = new CopyOnWriteArrayList<>();
                reads.add(read);
                return super.readEvents(token, mayBlock).peek(event -> read.add(event.getPayload()));
            }
        };
    }
}
