package com.aipasta.ops.storage;

import com.aipasta.command.http.ProcessorLag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How far this process's event processors are behind: the newest event this process appended or any of them handled,
 * against the oldest that one of them handled last. A processor counts once it has reached the head of the stream
 * since it started (one starting far behind, a new read model say, catches up without holding anything back), and
 * not while it replays or stands stopped on a failure (which the health check reports). Counted again at most every
 * {@link #RECOUNT}, since every turn asks.
 */
@Component
class ProcessorsLag implements ProcessorLag {

    static final Duration RECOUNT = Duration.ofMillis(50);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private volatile long countedAt = System.nanoTime() - RECOUNT.toNanos();
    private volatile Duration behind = Duration.ZERO;

    ProcessorsLag(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public Duration behind() {
        long now = System.nanoTime();
        if (now - countedAt >= RECOUNT.toNanos()) {
            countedAt = now;
            behind = behind(eventStore instanceof LingeringEventStore lingering ? lingering.newestAppendedMillis()
                    : Long.MIN_VALUE, processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::isRunning)
                    .map(processor -> processor.processingStatus().values())
                    .toList());
        }
        return behind;
    }

    /** {@code processors}: the segments each processor of this process tracks, as it reports them. */
    static Duration behind(long newestAppendedMillis, List<? extends Collection<EventTrackerStatus>> processors) {
        long newest = newestAppendedMillis;
        long oldest = Long.MAX_VALUE;
        for (Collection<EventTrackerStatus> segments : processors) {
            if (segments.isEmpty() || !segments.stream().allMatch(ProcessorsLag::counts)) {
                continue;
            }
            for (EventTrackerStatus segment : segments) {
                Optional<Long> position = WrappedToken.unwrap(segment.getTrackingToken(), MongoTrackingToken.class)
                        .map(token -> token.getTimestamp().toEpochMilli());
                if (position.isPresent()) {
                    newest = Math.max(newest, position.get());
                    oldest = Math.min(oldest, position.get());
                }
            }
        }
        return oldest == Long.MAX_VALUE || oldest >= newest ? Duration.ZERO : Duration.ofMillis(newest - oldest);
    }

    private static boolean counts(EventTrackerStatus segment) {
        return segment.isCaughtUp() && !segment.isReplaying() && !segment.isErrorState();
    }
}
