package com.aipasta.ops.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;
import org.pcollections.TreePSet;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MongoTrackingToken} whose look-back window (the ids and times of the events it has seen within the window)
 * is a persistent map, shared with the token it advanced from. Mongo's own token copies its whole window at each event
 * and finds its oldest event by reading all of it, so every event a processor reads or a replay checks cost as much
 * as the window is large (hundreds to thousands of events under load); this one advances and answers {@link #covers}
 * in the logarithm of that. A replay asks whether the token at its start covers each token the replay advances to, one
 * event apart: once it has answered yes for one, it checks only the event the next one adds (tokens are numbered, so
 * this holds exactly for the token advanced from the one covered, without keeping that one alive).
 * <p>
 * It reads, stores and compares as a {@code MongoTrackingToken} does, but for dropping every event older than the
 * window at once, where Mongo's token keeps those seen after a newer one until they are first in line: a tracking read
 * never asks for such events, so neither token lets them through again.
 */
public final class SharedWindowTrackingToken extends MongoTrackingToken {

    private static final Comparator<Seen> OLDEST_FIRST = Comparator.comparingLong(Seen::timestamp)
            .thenComparing(Seen::eventId);
    private static final AtomicLong NUMBERS = new AtomicLong();
    private static final long NONE = -1;

    private final long timestamp;
    private final HashPMap<String, Long> window;
    private final TreePSet<Seen> byTime;
    private final long number = NUMBERS.incrementAndGet();
    /** The number of the token this one advanced from by {@link #added}, or {@link #NONE}. */
    private final long advancedFrom;
    private final Seen added;
    /** The number of the last token this one was found to cover. */
    private volatile long lastCovered = NONE;

    private record Seen(long timestamp, String eventId) implements Serializable {
    }

    private SharedWindowTrackingToken(long timestamp, HashPMap<String, Long> window, TreePSet<Seen> byTime,
                                      long advancedFrom, Seen added) {
        super(timestamp, window);
        this.timestamp = timestamp;
        this.window = window;
        this.byTime = byTime;
        this.advancedFrom = advancedFrom;
        this.added = added;
    }

    private SharedWindowTrackingToken(long timestamp, HashPMap<String, Long> window, TreePSet<Seen> byTime) {
        this(timestamp, window, byTime, NONE, null);
    }

    /** The token a tracking read resumes from: this kind for any Mongo token, or for none (the stream's start). */
    public static TrackingToken of(TrackingToken token) {
        if (token == null) {
            return from(0, Map.of());
        }
        if (token instanceof MongoTrackingToken mongo && !(token instanceof SharedWindowTrackingToken)) {
            return from(mongo.getTimestamp().toEpochMilli(), mongo.getTrackedEvents());
        }
        return token;
    }

    /** Mongo's one-document-per-event storage, reading the stream with this kind of token. */
    public static DocumentPerEventStorageStrategy documentPerEventStrategy(Duration lookBack) {
        return new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack) {
            @Override
            public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                         TrackingToken lastToken, int batchSize) {
                return super.findTrackedEvents(eventCollection, of(lastToken), batchSize);
            }
        };
    }

    @JsonCreator
    static SharedWindowTrackingToken fromJson(@JsonProperty("timestamp") Instant timestamp,
                                              @JsonProperty("trackedEvents") Map<String, Long> trackedEvents) {
        return from(timestamp.toEpochMilli(), trackedEvents);
    }

    private static SharedWindowTrackingToken from(long timestamp, Map<String, Long> trackedEvents) {
        HashPMap<String, Long> window = HashTreePMap.from(trackedEvents);
        TreePSet<Seen> byTime = TreePSet.from(OLDEST_FIRST, trackedEvents.entrySet().stream()
                .map(event -> new Seen(event.getValue(), event.getKey())).toList());
        return new SharedWindowTrackingToken(timestamp, window, byTime);
    }

    @Override
    public SharedWindowTrackingToken advanceTo(Instant eventTimestamp, String eventIdentifier, Duration lookBackTime) {
        if (window.containsKey(eventIdentifier)) {
            throw new IllegalArgumentException(String.format(
                    "The event to advance to [%s] should not be one of the token's known events", eventIdentifier));
        }
        long millis = eventTimestamp.toEpochMilli();
        long newest = Math.max(millis, timestamp);
        long cutOff = newest - lookBackTime.toMillis();
        Seen event = new Seen(millis, eventIdentifier);
        HashPMap<String, Long> advanced = window.plus(eventIdentifier, millis);
        TreePSet<Seen> advancedByTime = byTime.plus(event);
        while (!advancedByTime.isEmpty() && advancedByTime.first().timestamp() < cutOff) {
            advanced = advanced.minus(advancedByTime.first().eventId());
            advancedByTime = advancedByTime.minusFirst();
        }
        return new SharedWindowTrackingToken(newest, advanced, advancedByTime, number, event);
    }

    /**
     * As Mongo's token decides it: the other token is no further on, and each event it has seen this one has seen
     * too or is older than all this one has seen within its window. At once when the other token's newest event is
     * older than that, or when the other token advanced from the last one this one covered.
     */
    @Override
    public boolean covers(TrackingToken other) {
        SharedWindowTrackingToken that = (SharedWindowTrackingToken) of(other);
        if (that.timestamp > timestamp) {
            return false;
        }
        long oldest = byTime.isEmpty() ? 0L : byTime.first().timestamp();
        if (that.timestamp < oldest) {
            return true;
        }
        boolean covered = that.advancedFrom != NONE && that.advancedFrom == lastCovered
                ? hasSeen(that.added, oldest)
                : that.byTime.stream().allMatch(seen -> hasSeen(seen, oldest));
        if (covered) {
            lastCovered = that.number;
        }
        return covered;
    }

    private boolean hasSeen(Seen event, long oldest) {
        return window.containsKey(event.eventId()) || event.timestamp() < oldest;
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        SharedWindowTrackingToken that = (SharedWindowTrackingToken) of(other);
        HashPMap<String, Long> both = window;
        TreePSet<Seen> bothByTime = byTime;
        for (Seen seen : byTime) {
            if (!that.window.containsKey(seen.eventId())) {
                both = both.minus(seen.eventId());
                bothByTime = bothByTime.minus(seen);
            }
        }
        return new SharedWindowTrackingToken(Math.min(timestamp, that.timestamp), both, bothByTime);
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        SharedWindowTrackingToken that = (SharedWindowTrackingToken) of(other);
        HashPMap<String, Long> either = window;
        TreePSet<Seen> eitherByTime = byTime;
        for (Seen seen : that.byTime) {
            if (!either.containsKey(seen.eventId())) {
                either = either.plus(seen.eventId(), seen.timestamp());
                eitherByTime = eitherByTime.plus(seen);
            }
        }
        return new SharedWindowTrackingToken(Math.max(timestamp, that.timestamp), either, eitherByTime);
    }
}
