package com.aipasta.ops.storage;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The processors' shared reader reads an append once its delay is over, or at once when a reader of the read models
 * asks; the appends of the delay are read together. The reader's own polling is set to an hour here, so that only
 * these wake it; the longest delay (a second) leaves room for a busy machine.
 */
class LingeringEventStoreTest {

    @Test
    void appendsWaitForTheDelayUnlessAReaderAsksForThem() throws Exception {
        LingeringEventStore store = store(LingeringEventStore.MAX_READ_DELAY);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("before the stream was read"));
            assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("before the stream was read");
            assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).isFalse();

            store.publish(GenericEventMessage.asEventMessage("first"));
            store.publish(GenericEventMessage.asEventMessage("second"));
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("read only after the delay").isFalse();

            store.readNow();
            assertThat(stream.hasNextAvailable(1, TimeUnit.MINUTES)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
            assertThat(stream.hasNextAvailable()).as("read in the same read").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
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

    @Test
    void aDelayBelowZeroOrAboveASecondIsRefused() {
        for (Duration delay : new Duration[]{Duration.ofMillis(-1), Duration.ofMillis(1_001)}) {
            assertThatThrownBy(() -> store(delay)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EVENT_STORE_READ_DELAY");
        }
    }

    private static LingeringEventStore store(Duration delay) {
        return new LingeringEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
                .fetchDelay(1).timeUnit(TimeUnit.HOURS), delay);
    }
}
