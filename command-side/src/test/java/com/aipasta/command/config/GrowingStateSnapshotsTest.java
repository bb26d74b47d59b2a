package com.aipasta.command.config;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots of a growing aggregate: after the threshold at first, then after half as many events as came before. */
class GrowingStateSnapshotsTest {

    private static final String AGGREGATE = "session-1";

    private final List<Long> takenAt = new ArrayList<>();
    private long sequence;

    private final Snapshotter snapshotter = (type, identifier) -> takenAt.add(sequence);

    private void handle(SnapshotTrigger trigger, long events) {
        for (long i = 0; i < events; i++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("Session", AGGREGATE, ++sequence, "event"));
        }
    }

    @Test
    void aNewAggregateIsSnapshottedAtTheThresholdThenAtHalfItsHistoryAgain() {
        SnapshotTrigger trigger = new GrowingStateSnapshots(snapshotter, 10).prepareTrigger(Object.class);
        sequence = -1;
        trigger.initializationFinished();

        handle(trigger, 200);

        assertThat(takenAt).containsExactly(9L, 19L, 29L, 44L, 66L, 99L, 149L);
    }

    @Test
    void anAggregateLoadedFromASnapshotCountsFromTheSnapshotsSequence() {
        SnapshotTrigger trigger = new GrowingStateSnapshots(snapshotter, 10).prepareTrigger(Object.class);
        sequence = 999;
        handle(trigger, 1);
        trigger.initializationFinished();

        handle(trigger, 600);

        assertThat(takenAt).containsExactly(1_499L);
    }
}
