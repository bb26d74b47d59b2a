package com.aipasta.ops.storage;

import com.aipasta.command.http.ProcessorLag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How far this process's event processors are behind: how long the oldest event that one of them has not handled yet
 * has waited since this process appended it, and how many events this process appended after it (see
 * {@link RecentAppends}; events other processes appended are theirs to hold back for), against four fifths of
 * {@code EVENT_STORE_CACHED_EVENTS}: the fifth left is for the turns under way when the hold engages. A processor
 * counts once it has handled every event appended before this process's first (one starting far behind, a new read
 * model say, catches up on the history without holding anything back) or found nothing more to read, and not while it
 * replays or stands stopped on a failure (which the health check reports). Counted again at most every
 * {@link #RECOUNT}, since every turn asks.
 */
@Component
class ProcessorsLag implements ProcessorLag {

    static final Duration RECOUNT = Duration.ofMillis(50);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final long eventLimit;
    private volatile long countedAt = System.nanoTime() - RECOUNT.toNanos();
    private volatile Lag lag;

    ProcessorsLag(EventProcessingConfiguration processing, EventStore eventStore, EventStoreProperties properties) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.eventLimit = properties.cachedEvents() - properties.cachedEvents() / 5;
        this.lag = new Lag(Duration.ZERO, 0, eventLimit);
    }

    @Override
    public Lag lag() {
        long now = System.nanoTime();
        if (now - countedAt >= RECOUNT.toNanos() && eventStore instanceof LingeringEventStore lingering) {
            countedAt = now;
            lag = lag(lingering.recentAppends(), System.currentTimeMillis(),
                    processing.eventProcessors().values().stream()
                            .filter(StreamingEventProcessor.class::isInstance)
                            .map(StreamingEventProcessor.class::cast)
                            .filter(StreamingEventProcessor::isRunning)
                            .map(processor -> processor.processingStatus().values())
                            .toList(), eventLimit);
        }
        return lag;
    }

    /** {@code processors}: the segments each processor of this process tracks, as it reports them. */
    static Lag lag(RecentAppends appends, long nowMillis, List<? extends Collection<EventTrackerStatus>> processors,
                   long eventLimit) {
        long firstAppended = appends.firstMillis();
        long oldest = Long.MAX_VALUE;
        for (Collection<EventTrackerStatus> segments : processors) {
            if (!segments.isEmpty() && segments.stream().allMatch(segment -> counts(segment, firstAppended))) {
                for (EventTrackerStatus segment : segments) {
                    oldest = Math.min(oldest, positionOf(segment).orElseThrow());
                }
            }
        }
        if (oldest == Long.MAX_VALUE) {
            return new Lag(Duration.ZERO, 0, eventLimit);
        }
        RecentAppends.Unhandled unhandled = appends.after(oldest, nowMillis);
        Duration waited = unhandled.sinceMillis().isEmpty() ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, nowMillis - unhandled.sinceMillis().getAsLong()));
        return new Lag(waited, unhandled.count(), eventLimit);
    }

    private static boolean counts(EventTrackerStatus segment, long firstAppendedMillis) {
        Optional<Long> position = positionOf(segment);
        return position.isPresent() && !segment.isReplaying() && !segment.isErrorState()
                && (segment.isCaughtUp() || position.get() >= firstAppendedMillis);
    }

    private static Optional<Long> positionOf(EventTrackerStatus segment) {
        return SharedWindowTrackingToken.positionOf(segment.getTrackingToken()).map(Instant::toEpochMilli);
    }
}
