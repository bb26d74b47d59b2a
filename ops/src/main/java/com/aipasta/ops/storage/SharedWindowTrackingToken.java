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

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A {@link MongoTrackingToken} whose look-back window (the ids and times of the events it has seen within the window)
 * is a persistent map, shared with the token it advanced from. Mongo's own token copies its whole window at each event
 * and finds its oldest event by reading all of it, so every event a processor reads or a replay checks cost as much
 * as the window is large (hundreds to thousands of events under load); this one advances and answers {@link #covers}
 * in the logarithm of that. It reads, stores and compares as a {@code MongoTrackingToken} does, but for dropping every
 * event older than the window at once, where Mongo's token keeps those seen after a newer one until they are first in
 * line: a tracking read never asks for such events, so neither token lets them through again.
 */
public final class SharedWindowTrackingToken extends MongoTrackingToken {

    private static final Comparator<Seen> OLDEST_FIRST = Comparator.comparingLong(Seen::timestamp)
            .thenComparing(Seen::eventId);

    private final long timestamp;
    private final HashPMap<String, Long> window;
    private final TreePSet<Seen> byTime;

    private record Seen(long timestamp, String eventId) {
    }

    private SharedWindowTrackingToken(long timestamp, HashPMap<String, Long> window, TreePSet<Seen> byTime) {
        super(timestamp, window);
        this.timestamp = timestamp;
        this.window = window;
        this.byTime = byTime;
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
        HashPMap<String, Long> advanced = window.plus(eventIdentifier, millis);
        TreePSet<Seen> advancedByTime = byTime.plus(new Seen(millis, eventIdentifier));
        while (!advancedByTime.isEmpty() && advancedByTime.first().timestamp() < cutOff) {
            advanced = advanced.minus(advancedByTime.first().eventId());
            advancedByTime = advancedByTime.minusFirst();
        }
        return new SharedWindowTrackingToken(newest, advanced, advancedByTime);
    }

    /** As Mongo's token decides it; at once when the other token's newest event is older than all of this window. */
    @Override
    public boolean covers(TrackingToken other) {
        SharedWindowTrackingToken that = (SharedWindowTrackingToken) of(other);
        if (that.timestamp > timestamp) {
            return false;
        }
        long oldest = byTime.isEmpty() ? 0L : byTime.first().timestamp();
        return that.timestamp < oldest || that.byTime.stream()
                .allMatch(seen -> window.containsKey(seen.eventId()) || seen.timestamp() < oldest);
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
