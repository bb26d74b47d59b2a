package com.aipasta.command.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots of an aggregate whose state grows with its events (a chat session keeps every message): one is taken
 * once the events since the last are at least the threshold and at least half as many as came before them. A
 * snapshot costs what the state holds, so taken every {@code threshold} events it would cost each event more the
 * longer the history; taken so, it costs each event the same, and a load reads at most a third of the history as
 * events after the snapshot.
 */
public final class GrowingStateSnapshots implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int threshold;

    public GrowingStateSnapshots(Snapshotter snapshotter, int threshold) {
        this.snapshotter = snapshotter;
        this.threshold = threshold;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger ours) {
            ours.setSnapshotter(snapshotter);
            return ours;
        }
        return prepareTrigger(aggregateType);
    }

    private static final class Trigger extends AbstractSnapshotTrigger {

        private final int threshold;
        private long lastSequence = -1;
        private long snapshotSequence = -1;
        private long since;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                if (snapshotSequence < 0) {
                    snapshotSequence = domainEvent.getSequenceNumber();
                }
                lastSequence = domainEvent.getSequenceNumber();
            }
            super.eventHandled(event);
        }

        @Override
        protected boolean exceedsThreshold() {
            since++;
            return since >= threshold && since * 2 >= snapshotSequence;
        }

        @Override
        protected void reset() {
            since = 0;
            snapshotSequence = lastSequence;
        }
    }
}
