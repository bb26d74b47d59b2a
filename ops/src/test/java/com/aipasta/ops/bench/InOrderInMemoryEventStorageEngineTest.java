package com.aipasta.ops.bench;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay benchmark's in-memory store: a reader following it as it fills gets every event of every append. */
class InOrderInMemoryEventStorageEngineTest {

    private static final int WRITERS = 4;
    private static final int APPENDS_PER_WRITER = 20_000;

    @Test
    void aReaderFollowingConcurrentAppendsOfSeveralEventsMissesNone() throws Exception {
        InMemoryEventStorageEngine storage = new ReplayBenchmark.InOrderInMemoryEventStorageEngine();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> appending = new ArrayList<>();
        try {
            for (int writer = 0; writer < WRITERS; writer++) {
                appending.add(writers.submit(() -> {
                    for (int append = 0; append < APPENDS_PER_WRITER; append++) {
                        storage.appendEvents(List.of(GenericEventMessage.asEventMessage("first"),
                                GenericEventMessage.asEventMessage("second")));
                    }
                }));
            }

            List<Long> missed = new ArrayList<>();
            long next = 0;
            TrackingToken position = null;
            boolean appendsDone;
            do {
                appendsDone = appending.stream().allMatch(Future::isDone);
                List<TrackedEventMessage<?>> read = new ArrayList<>();
                storage.readEvents(position, false).forEach(read::add);
                for (TrackedEventMessage<?> event : read) {
                    long index = ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
                    for (long skipped = next; skipped < index; skipped++) {
                        missed.add(skipped);
                    }
                    next = index + 1;
                    position = event.trackingToken();
                }
            } while (!appendsDone);
            for (Future<?> writer : appending) {
                writer.get();
            }

            assertThat(missed).as("events the reader went past before they were stored").isEmpty();
            assertThat(next).isEqualTo(2L * WRITERS * APPENDS_PER_WRITER);
        } finally {
            writers.shutdownNow();
        }
    }
}
