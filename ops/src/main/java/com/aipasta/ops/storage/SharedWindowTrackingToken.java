package com.aipasta.ops.storage;

import com.aipasta.ops.storage.TrackingWindow.Seen;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * A {@link MongoTrackingToken} whose look-back window (the ids and times of the events it has seen within the window)
 * is a range of a log shared with the token it advanced from ({@link TrackingWindow}). Mongo's own token copies its
 * whole window at each event and finds its oldest event by reading all of it, so every event a processor reads or a
 * replay checks cost as much as the window is large (hundreds to thousands of events under load); this one advances
 * in constant time on average, and finds its oldest event by looking at the first and at those that came in late. A
 * replay asks whether the token at its start covers each token the replay advances to, one event apart: once it has
 * answered yes for one, it checks only the event the next one adds (tokens are numbered, so this holds exactly for the
 * token advanced from the one covered, without keeping that one alive).
 * <p>
 * It reads, stores and compares as a {@code MongoTrackingToken} does, but for dropping every event older than the
 * window at once, where Mongo's token keeps those seen after a newer one until they are first in line: a tracking read
 * never asks for such events, so neither token lets them through again.
 */
@JsonAutoDetect(getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class SharedWindowTrackingToken extends MongoTrackingToken {

    /**
     * The stream's order with each event's id: a tracking read excludes the ids its token has seen in its look-back
     * window, which this index's entries rule out without reading the events (MongoDB, too, can filter them in the
     * index scan).
     */
    private static final String EVENT_STREAM_WITH_IDS = "eventStreamWithIds";
    /** Axon's name for the index that keeps an aggregate's events in order and refuses a second at one number. */
    private static final String UNIQUE_AGGREGATE_INDEX = "uniqueAggregateIndex";
    /**
     * The spans (ms) back from a token's newest event in which a read looks for events that came in late, the
     * shortest first: most come in a few milliseconds late, a collector's pause or a slow commit makes it hundreds.
     */
    private static final long[] LATE_SPANS = {16, 64, 256, 1_024, 4_096};
    private static final AtomicLong NUMBERS = new AtomicLong();
    private static final long NONE = -1;

    private final long timestamp;
    private final TrackingWindow window;
    private final long number = NUMBERS.incrementAndGet();
    /** The number of the token this one advanced from by {@link #added}, or {@link #NONE}. */
    private final long advancedFrom;
    private final Seen added;
    /** The number of the last token this one was found to cover. */
    private volatile long lastCovered = NONE;

    private SharedWindowTrackingToken(long timestamp, TrackingWindow window, long advancedFrom, Seen added) {
        super(timestamp, window);
        this.timestamp = timestamp;
        this.window = window;
        this.advancedFrom = advancedFrom;
        this.added = added;
    }

    private SharedWindowTrackingToken(long timestamp, TrackingWindow window) {
        this(timestamp, window, NONE, null);
    }

    /**
     * How far a processor holding {@code token} has read: the time of the newest event it passed, for a Mongo token or
     * one wrapping it (a replay's), empty for none.
     */
    public static Optional<Instant> positionOf(TrackingToken token) {
        return WrappedToken.unwrap(token, MongoTrackingToken.class).map(MongoTrackingToken::getTimestamp);
    }

    /**
     * How many events of the millisecond of its position ({@link #positionOf}) a processor holding {@code token} has
     * handled: a batch may end within a millisecond. Zero for none.
     */
    public static int seenAtPositionOf(TrackingToken token) {
        return WrappedToken.unwrap(token, MongoTrackingToken.class)
                .map(mongo -> (SharedWindowTrackingToken) of(mongo))
                .map(shared -> shared.window.seenAt(shared.timestamp))
                .orElse(0);
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

    /**
     * Mongo's one-document-per-event storage, reading the stream with this kind of token. A read asks for the events
     * from the millisecond of the token's newest on, less those it has seen (a batch may end within a millisecond, and
     * an event of that millisecond may commit after a read found the others), then counts the stored events of the
     * token's look-back window: when they are the ones the token has seen and those just read of its newest
     * millisecond, no event had come in late when the events were read, and those are the answer. Only otherwise does
     * it ask, as Mongo's storage does, for the events the token has not seen, carrying the ids it has seen; not of the
     * whole window (thousands under load, which the database decoded and hashed at every such read), but from the
     * start of the newest span of it ({@link #LATE_SPANS}) whose count holds every event missing, when a count of the
     * rest of the window after that read finds none missing there. Counting after reading matters: an event that
     * comes in late is committed before any event that follows from it, so it is counted whenever a read found those.
     */
    public static DocumentPerEventStorageStrategy documentPerEventStrategy(Duration lookBack) {
        return new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack) {
            /**
             * Axon's indexes but its {@code (timestamp, sequenceNumber)}, which this one's first keys serve: each index
             * costs every append an entry.
             */
            @Override
            public void ensureIndexes(MongoCollection<Document> eventsCollection,
                                      MongoCollection<Document> snapshotsCollection) {
                EventEntryConfiguration fields = eventConfiguration();
                Bson aggregateOrder = Indexes.ascending(fields.aggregateIdentifierProperty(),
                        fields.sequenceNumberProperty());
                IndexOptions unique = new IndexOptions().unique(true).name(UNIQUE_AGGREGATE_INDEX);
                eventsCollection.createIndex(aggregateOrder, unique);
                snapshotsCollection.createIndex(aggregateOrder, unique);
                eventsCollection.createIndex(Indexes.ascending(fields.timestampProperty(),
                        fields.sequenceNumberProperty(), fields.eventIdentifierProperty()),
                        new IndexOptions().name(EVENT_STREAM_WITH_IDS));
            }

            @Override
            public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                         TrackingToken lastToken, int batchSize) {
                SharedWindowTrackingToken token = (SharedWindowTrackingToken) of(lastToken);
                String time = eventConfiguration().timestampProperty();
                List<DomainEventData<?>> newer = read(eventCollection, Filters.gte(time, at(token.timestamp)), token,
                        token.window.seenAt(token.timestamp), batchSize);
                long readOfNewest = newer.stream()
                        .filter(event -> event.getTimestamp().toEpochMilli() == token.timestamp).count();
                long windowStart = token.timestamp - lookBack.toMillis();
                long seenInWindow = token.window.seenSince(windowStart);
                long missing = stored(eventCollection, windowStart, token.timestamp) - seenInWindow;
                if (missing == readOfNewest) {
                    return advance(token, newer);
                }
                for (long span : LATE_SPANS) {
                    long since = token.timestamp - span;
                    if (since <= windowStart) {
                        break;
                    }
                    List<String> seenSince = token.window.idsSince(since);
                    if (stored(eventCollection, since, token.timestamp) - seenSince.size() >= missing) {
                        List<DomainEventData<?>> found = unseenSince(eventCollection, token, since, seenSince,
                                batchSize);
                        if (stored(eventCollection, windowStart, since - 1) == seenInWindow - seenSince.size()) {
                            return advance(token, found);
                        }
                        break;
                    }
                }
                return advance(token, unseenSince(eventCollection, token, windowStart,
                        token.window.idsSince(windowStart), batchSize));
            }

            /**
             * How many events are stored from {@code from} to {@code to} (ms, both included). A span counted before a
             * read may miss an event that comes in late after it; the span before the one read is counted again after
             * the read, so that no event that precedes one read is left behind.
             */
            private long stored(MongoCollection<Document> eventCollection, long from, long to) {
                String time = eventConfiguration().timestampProperty();
                return eventCollection.countDocuments(Filters.and(Filters.gte(time, at(from)),
                        Filters.lte(time, at(to))));
            }

            /** The events from {@code since} on that the token has not seen, given those it has. */
            private List<DomainEventData<?>> unseenSince(MongoCollection<Document> eventCollection,
                                                         SharedWindowTrackingToken token, long since,
                                                         List<String> seenSince, int batchSize) {
                return read(eventCollection, Filters.and(Filters.gte(eventConfiguration().timestampProperty(),
                        at(since)), Filters.nin(eventConfiguration().eventIdentifierProperty(), seenSince)), token, 0,
                        batchSize);
            }

            private static String at(long millis) {
                return formatInstant(Instant.ofEpochMilli(millis));
            }

            /**
             * The events the query finds that the token has not seen, in the stream's order, where it finds up to
             * {@code seen} the token has seen besides. Limited to a batch and those, so the database closes the cursor
             * with its answer: a cursor left open on a full batch cost a second request to close it.
             */
            private List<DomainEventData<?>> read(MongoCollection<Document> eventCollection, Bson query,
                                                  SharedWindowTrackingToken token, int seen, int batchSize) {
                List<DomainEventData<?>> found = new ArrayList<>();
                try (MongoCursor<Document> events = eventCollection.find(query)
                        .sort(Sorts.ascending(eventConfiguration().timestampProperty(),
                                eventConfiguration().sequenceNumberProperty()))
                        .limit(seen + batchSize).batchSize(seen + batchSize).iterator()) {
                    while (found.size() < batchSize && events.hasNext()) {
                        for (DomainEventData<?> event : extractEvents(events.next()).toList()) {
                            if (!token.window.containsKey(event.getEventIdentifier())) {
                                found.add(event);
                            }
                        }
                    }
                }
                return found;
            }

            /**
             * The events with the tokens of a read through them. Only the events returned advance the token: the
             * tokens of one read share a log of the events seen, and tokens advanced through events read and then
             * dropped would leave them in it, so that the read returned instead would need a log of its own.
             */
            private List<TrackedEventData<?>> advance(SharedWindowTrackingToken token,
                                                      List<DomainEventData<?>> events) {
                List<TrackedEventData<?>> tracked = new ArrayList<>(events.size());
                for (DomainEventData<?> event : events) {
                    token = token.advanceTo(event.getTimestamp(), event.getEventIdentifier(), lookBack);
                    tracked.add(new TrackedDomainEventData<>(token, event));
                }
                return tracked;
            }
        };
    }

    /**
     * Reads a token as stored: its window packed ({@code window}, see {@link #window()}), or as Mongo's token and
     * earlier versions of this one stored it ({@code trackedEvents}, an object of event ids and times).
     */
    @JsonCreator
    static SharedWindowTrackingToken fromJson(@JsonProperty("timestamp") Instant timestamp,
                                              @JsonProperty("trackedEvents") Map<String, Long> trackedEvents,
                                              @JsonProperty("window") byte[] window) {
        long millis = timestamp.toEpochMilli();
        if (window != null) {
            return new SharedWindowTrackingToken(millis, TrackingWindow.ofPacked(millis, window));
        }
        return from(millis, trackedEvents != null ? trackedEvents : Map.of());
    }

    @JsonProperty("timestamp")
    @Override
    public Instant getTimestamp() {
        return super.getTimestamp();
    }

    /**
     * The window as it is stored (in Base64, as JSON holds bytes): for each event, in the order the token's read saw
     * it, its time as the difference from the one before (the first from the token's time; less than zero for an event
     * that came in late), then its id as 16 bytes when it is a UUID in its usual form (as Axon's are), else as its
     * UTF-8 bytes. Every busy processor stores its token once per {@code EVENT_PROCESSOR_TOKEN_INTERVAL}, and its
     * window holds every event of the look-back time, thousands under load; as a JSON object it took three times the
     * bytes and far longer to write. Handed to the JSON writer as bytes, not as a Base64 string, it is encoded straight
     * into the output, where a string was copied out again character by character.
     */
    @JsonProperty("window")
    byte[] window() {
        return window.packed(timestamp);
    }

    private static SharedWindowTrackingToken from(long timestamp, Map<String, Long> trackedEvents) {
        return new SharedWindowTrackingToken(timestamp, TrackingWindow.of(trackedEvents));
    }

    @Override
    public SharedWindowTrackingToken advanceTo(Instant eventTimestamp, String eventIdentifier, Duration lookBackTime) {
        if (window.containsKey(eventIdentifier)) {
            throw new IllegalArgumentException(String.format(
                    "The event to advance to [%s] should not be one of the token's known events", eventIdentifier));
        }
        long millis = eventTimestamp.toEpochMilli();
        long newest = Math.max(millis, timestamp);
        TrackingWindow advanced = window.plus(millis, eventIdentifier, newest - lookBackTime.toMillis());
        return new SharedWindowTrackingToken(newest, advanced, number, advanced.newest());
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
        long oldest = window.isEmpty() ? 0L : window.oldest();
        if (that.timestamp < oldest) {
            return true;
        }
        boolean covered = that.advancedFrom != NONE && that.advancedFrom == lastCovered
                ? hasSeen(that.added, oldest)
                : that.window.allMatchNewestFirst(seen -> hasSeen(seen, oldest));
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
        Map<String, Long> both = new HashMap<>(window);
        both.keySet().retainAll(that.window.keySet());
        return from(Math.min(timestamp, that.timestamp), both);
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        SharedWindowTrackingToken that = (SharedWindowTrackingToken) of(other);
        Map<String, Long> either = new HashMap<>(that.window);
        either.putAll(window);
        return from(Math.max(timestamp, that.timestamp), either);
    }
}
