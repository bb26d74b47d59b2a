package com.aipasta.ops.storage;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams opened at the same position share one read of the event store, each getting every event once and in
 * order, through the run and then from the head of the stream. Reads are counted by a store that keeps the payloads
 * each of its reads returned.
 */
class CatchUpReadsTest {

    private static final ThreadFactory READERS = new ReaderThreads().named("event-store-catch-up");

    private final List<List<Object>> reads = new CopyOnWriteArrayList<>();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            List<Object> read = new CopyOnWriteArrayList<>();
            reads.add(read);
            return super.readEvents(token, mayBlock).peek(event -> read.add(event.getPayload()));
        }
    };
    private final EmbeddedEventStore head = EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(10).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        head.shutDown();
    }

    @Test
    void streamsOpenedAtTheSamePositionReadTheStoreOnceAndGoOnAtTheHead() throws Exception {
        append(0, 1_000);
        CatchUpReads catchUp = new CatchUpReads(storage, 10_000, 500, Duration.ofSeconds(10), head::openStream,
                READERS);
        List<TrackingEventStream> streams = List.of(catchUp.open(null), catchUp.open(null), catchUp.open(null));

        for (List<Object> payloads : readConcurrently(streams, 1_000)) {
            assertThat(payloads).isEqualTo(numbers(0, 1_000));
        }
        assertThat(reads.stream().mapToInt(List::size).sum()).as("events read from the store").isEqualTo(1_000);

        for (int event = 1_000; event < 1_002; event++) {
            append(event, event + 1);
            for (TrackingEventStream stream : streams) {
                assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo(event);
                assertThat(stream.hasNextAvailable()).isFalse();
            }
        }
        streams.forEach(TrackingEventStream::close);
    }

    @Test
    void aStreamJoinsTheRunHoldingItsPosition() throws Exception {
        append(0, 20);
        CatchUpReads catchUp = new CatchUpReads(storage, 10_000, 500, Duration.ofSeconds(10), head::openStream,
                READERS);
        TrackingEventStream first = catchUp.open(null);
        TrackingToken third = null;
        for (int i = 0; i < 3; i++) {
            third = first.nextAvailable().trackingToken();
        }

        TrackingEventStream joining = catchUp.open(third);
        List<Object> payloads = new ArrayList<>();
        for (int i = 3; i < 20; i++) {
            payloads.add(joining.nextAvailable().getPayload());
        }
        assertThat(payloads).isEqualTo(numbers(3, 20));
        assertThat(reads).as("the joining stream read nothing of its own").hasSize(1);

        first.close();
        joining.close();
        TrackingEventStream again = catchUp.open(null);
        assertThat(again.nextAvailable().getPayload()).isEqualTo(0);
        assertThat(reads).as("a run its streams closed is gone: a stream opened after starts one").hasSize(2);
    }

    @Test
    void theFirstReaderWaitsForTheLastWithinTheWindowUntilTheLastStalls() throws Exception {
        append(0, 100);
        CatchUpReads catchUp = new CatchUpReads(storage, 10, 5, Duration.ofSeconds(2), head::openStream, READERS);
        TrackingEventStream slow = catchUp.open(null);
        TrackingEventStream fast = catchUp.open(null);
        assertThat(slow.nextAvailable().getPayload()).isEqualTo(0);

        List<Object> fastPayloads = new ArrayList<>();
        while (fast.hasNextAvailable()) {
            fastPayloads.add(fast.nextAvailable().getPayload());
        }
        assertThat(fastPayloads).as("read ahead of the slow stream, within the window and a read")
                .hasSizeBetween(5, 15);

        while (fastPayloads.size() < 100) {
            assertThat(fast.hasNextAvailable(1, TimeUnit.MINUTES)).as("read on once the slow stream stalled").isTrue();
            fastPayloads.add(fast.nextAvailable().getPayload());
        }
        assertThat(fastPayloads).isEqualTo(numbers(0, 100));

        List<Object> slowPayloads = new ArrayList<>(List.of(0));
        while (slowPayloads.size() < 100) {
            slowPayloads.add(slow.nextAvailable().getPayload());
        }
        assertThat(slowPayloads).as("the stalled stream, read on alone").isEqualTo(numbers(0, 100));
    }

    @Test
    void readersOfEverySpeedGetEveryEventOnceWhileEventsAreAppended() throws Exception {
        append(0, 2_000);
        CatchUpReads catchUp = new CatchUpReads(storage, 50, 20, Duration.ofSeconds(10), head::openStream, READERS);
        List<TrackingEventStream> streams = IntStream.range(0, 4).mapToObj(i -> catchUp.open(null)).toList();
        Future<?> appending = threads.submit(() -> {
            for (int i = 2_000; i < 2_500; i++) {
                append(i, i + 1);
            }
        });

        List<List<Object>> read = readConcurrently(streams, 2_500);
        appending.get(1, TimeUnit.MINUTES);
        for (List<Object> payloads : read) {
            assertThat(payloads).isEqualTo(numbers(0, 2_500));
        }
    }

    private List<List<Object>> readConcurrently(List<TrackingEventStream> streams, int events) throws Exception {
        List<Future<List<Object>>> readers = new ArrayList<>();
        for (TrackingEventStream stream : streams) {
            readers.add(threads.submit(() -> {
                List<Object> payloads = new ArrayList<>();
                while (payloads.size() < events) {
                    if (ThreadLocalRandom.current().nextInt(100) == 0) {
                        Thread.sleep(1);
                    }
                    payloads.add(stream.nextAvailable().getPayload());
                }
                return payloads;
            }));
        }
        List<List<Object>> read = new ArrayList<>();
        for (Future<List<Object>> reader : readers) {
            read.add(reader.get(1, TimeUnit.MINUTES));
        }
        return read;
    }

    private void append(int from, int to) {
        head.publish(IntStream.range(from, to).mapToObj(GenericEventMessage::asEventMessage).toList());
    }

    private static List<Object> numbers(int from, int to) {
        return IntStream.range(from, to).<Object>mapToObj(Integer::valueOf).toList();
    }
}
