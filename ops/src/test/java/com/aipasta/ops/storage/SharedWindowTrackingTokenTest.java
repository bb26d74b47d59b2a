package com.aipasta.ops.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared-window token against Mongo's own: the same streams of events, some of them late (older than events seen
 * before them, as a tracking read of a store written by several threads or nodes returns them), advance both, and the
 * shared-window token must hold exactly the events of Mongo's token that a tracking read can still return, and decide
 * {@code covers}, {@code lowerBound} and {@code upperBound} as Mongo's token does on the same windows.
 */
class SharedWindowTrackingTokenTest {

    private static final Duration LOOK_BACK = Duration.ofSeconds(2);
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Property(tries = 300)
    void holdsWhatATrackingReadCanStillReturnOfWhatMongosTokenHolds(@ForAll("streams") List<Integer> offsets) {
        List<SharedWindowTrackingToken> shared = new ArrayList<>();
        MongoTrackingToken mongo = MongoTrackingToken.of(START, Map.of());
        SharedWindowTrackingToken token = (SharedWindowTrackingToken) SharedWindowTrackingToken.of(mongo);
        for (int event = 0; event < offsets.size(); event++) {
            Instant at = START.plusMillis(offsets.get(event));
            if (at.isBefore(token.getTimestamp().minus(LOOK_BACK))) {
                continue;
            }
            mongo = mongo.advanceTo(at, "event-" + event, LOOK_BACK);
            token = token.advanceTo(at, "event-" + event, LOOK_BACK);
            shared.add(token);

            assertThat(token.getTimestamp()).isEqualTo(mongo.getTimestamp());
            assertThat(token.getTrackedEvents()).isEqualTo(withinLookBack(mongo));
        }
        for (SharedWindowTrackingToken first : shared) {
            for (SharedWindowTrackingToken second : shared) {
                assertThat(first.covers(second)).isEqualTo(asMongo(first).covers(asMongo(second)));
                assertThat(first.equals(second)).isEqualTo(asMongo(first).equals(asMongo(second)));
                assertThat(window(first.lowerBound(second))).isEqualTo(window(asMongo(first).lowerBound(
                        asMongo(second))));
                assertThat(window(first.upperBound(second))).isEqualTo(window(asMongo(first).upperBound(
                        asMongo(second))));
            }
        }
    }

    /**
     * What a tracking read asks of a token's window: how many events it saw in its newest millisecond, which it walks
     * back to past those that came in late, and which it saw since a time, on streams where many share a millisecond.
     */
    @Property(tries = 300)
    void countsTheEventsOfItsNewestMillisecondAndNamesThoseSinceATimeAsMongosTokenHoldsThem(
            @ForAll("crowdedStreams") List<Integer> offsets) {
        MongoTrackingToken mongo = MongoTrackingToken.of(START, Map.of());
        TrackingWindow window = TrackingWindow.of(Map.of());
        for (int event = 0; event < offsets.size(); event++) {
            Instant at = START.plusMillis(offsets.get(event));
            mongo = mongo.advanceTo(at, "event-" + event, LOOK_BACK);
            long newest = mongo.getTimestamp().toEpochMilli();
            window = window.plus(at.toEpochMilli(), "event-" + event, newest - LOOK_BACK.toMillis());
            Map<String, Long> held = withinLookBack(mongo);

            assertThat(window.seenAt(newest)).isEqualTo(held.values().stream().filter(time -> time == newest).count());
            for (long since = newest - 4; since <= newest + 1; since++) {
                long earliest = since;
                List<String> heldSince = held.entrySet().stream().filter(seen -> seen.getValue() >= earliest)
                        .map(Map.Entry::getKey).toList();
                assertThat(window.idsSince(since)).containsExactlyInAnyOrderElementsOf(heldSince);
                assertThat(window.seenSince(since)).isEqualTo(heldSince.size());
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> crowdedStreams() {
        return Arbitraries.integers().between(-3, 2).list().ofMaxSize(60).map(SharedWindowTrackingTokenTest::offsets);
    }

    @Provide
    Arbitrary<List<Integer>> streams() {
        return Arbitraries.integers().between(-3_000, 1_500).list().ofMaxSize(40)
                .map(SharedWindowTrackingTokenTest::offsets);
    }

    /**
     * Tokens of one read share a log that is copied as it grows: every token of a long read keeps its own window, and
     * so does every token of the reads that branch from its earlier tokens, with the event the read went on with or
     * with events of their own.
     */
    @Property(tries = 20)
    void keepsTheWindowOfEveryTokenOfALongReadAndOfTheReadsBranchingFromIt(
            @ForAll("longStreams") List<Integer> offsets) {
        List<SharedWindowTrackingToken> read = new ArrayList<>();
        List<MongoTrackingToken> readByMongo = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<SharedWindowTrackingToken> tokens = new ArrayList<>();
        List<MongoTrackingToken> expected = new ArrayList<>();
        SharedWindowTrackingToken token = (SharedWindowTrackingToken) SharedWindowTrackingToken.of(
                MongoTrackingToken.of(START, Map.of()));
        MongoTrackingToken mongo = MongoTrackingToken.of(START, Map.of());
        for (int event = 0; event < offsets.size(); event++) {
            Instant at = START.plusMillis(offsets.get(event));
            if (at.isBefore(token.getTimestamp().minus(LOOK_BACK))) {
                continue;
            }
            mongo = mongo.advanceTo(at, "event-" + read.size(), LOOK_BACK);
            token = token.advanceTo(at, "event-" + read.size(), LOOK_BACK);
            read.add(token);
            readByMongo.add(mongo);
            times.add(at);
        }
        tokens.addAll(read);
        expected.addAll(readByMongo);
        for (int from = 0; from + 1 < read.size(); from += 61) {
            SharedWindowTrackingToken branch = read.get(from);
            MongoTrackingToken branchByMongo = readByMongo.get(from);
            int own = from % 3;
            if (from % 2 == 0) {
                branch = branch.advanceTo(times.get(from + 1), "event-" + (from + 1), LOOK_BACK);
                branchByMongo = branchByMongo.advanceTo(times.get(from + 1), "event-" + (from + 1), LOOK_BACK);
                tokens.add(branch);
                expected.add(branchByMongo);
            }
            for (int step = 0; step <= own; step++) {
                Instant at = branch.getTimestamp().plusMillis(step);
                branch = branch.advanceTo(at, "branch-" + from + "-" + step, LOOK_BACK);
                branchByMongo = branchByMongo.advanceTo(at, "branch-" + from + "-" + step, LOOK_BACK);
                tokens.add(branch);
                expected.add(branchByMongo);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(tokens.get(i).getTrackedEvents()).isEqualTo(withinLookBack(expected.get(i)));
            assertThat(asMongo(tokens.get(i)).covers(tokens.get(i))).isTrue();
            assertThat(tokens.get(i)).isEqualTo(SharedWindowTrackingToken.of(asMongo(tokens.get(i))));
            if (i + 1 < tokens.size()) {
                boolean equalByMongo = asMongo(tokens.get(i)).equals(asMongo(tokens.get(i + 1)));
                assertThat(tokens.get(i).equals(tokens.get(i + 1))).isEqualTo(equalByMongo);
                assertThat(tokens.get(i).equals(SharedWindowTrackingToken.of(asMongo(tokens.get(i + 1)))))
                        .isEqualTo(equalByMongo);
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> longStreams() {
        return Arbitraries.frequency(Tuple.of(20, -400), Tuple.of(80, 0), Tuple.of(400, 5), Tuple.of(200, 30))
                .list().ofMinSize(2_000).ofMaxSize(4_000)
                .map(SharedWindowTrackingTokenTest::offsets);
    }

    /** Reads advancing from one token at once, some through the same events and some through their own. */
    @Example
    void keepsTheWindowsOfReadsAdvancingAtOnceFromOneToken() throws Exception {
        SharedWindowTrackingToken start = (SharedWindowTrackingToken) SharedWindowTrackingToken.of(null);
        for (int i = 0; i < 500; i++) {
            start = start.advanceTo(START.plusMillis(i * 7L), "before-" + i, LOOK_BACK);
        }
        SharedWindowTrackingToken from = start;
        List<Callable<List<SharedWindowTrackingToken>>> reads = new ArrayList<>();
        for (int read = 0; read < 8; read++) {
            String events = read % 2 == 0 ? "shared-" : "own-" + read + "-";
            reads.add(() -> {
                List<SharedWindowTrackingToken> advanced = new ArrayList<>();
                SharedWindowTrackingToken token = from;
                for (int i = 0; i < 3_000; i++) {
                    token = token.advanceTo(START.plusMillis(3_500 + i * 3L), events + i, LOOK_BACK);
                    advanced.add(token);
                }
                return advanced;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<List<SharedWindowTrackingToken>> results = new ArrayList<>();
            for (Future<List<SharedWindowTrackingToken>> result : threads.invokeAll(reads)) {
                results.add(result.get());
            }
            for (int read = 0; read < results.size(); read++) {
                String events = read % 2 == 0 ? "shared-" : "own-" + read + "-";
                MongoTrackingToken mongo = asMongo(start);
                for (int i = 0; i < 3_000; i++) {
                    mongo = mongo.advanceTo(START.plusMillis(3_500 + i * 3L), events + i, LOOK_BACK);
                    assertThat(results.get(read).get(i).getTrackedEvents()).isEqualTo(withinLookBack(mongo));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Times after the stream's start: a negative step is an event that late, the others move the newest on. */
    private static List<Integer> offsets(List<Integer> steps) {
        List<Integer> offsets = new ArrayList<>();
        int newest = 0;
        for (int step : steps) {
            newest = Math.max(newest, newest + step);
            offsets.add(step < 0 ? newest + step : newest);
        }
        return offsets;
    }

    private static Map<String, Long> withinLookBack(MongoTrackingToken mongo) {
        long cutOff = mongo.getTimestamp().minus(LOOK_BACK).toEpochMilli();
        return mongo.getTrackedEvents().entrySet().stream().filter(seen -> seen.getValue() >= cutOff)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * A replay asks, at every event, whether the token it has reached covers the one at its start: near its end, the
     * events the first has not seen yet are the last of the other's window, so they are asked first.
     */
    @Example
    void aWindowAsksWhetherAllItsEventsPassFromTheNewestBackAndStopsAtTheFirstThatFails() {
        long start = START.toEpochMilli();
        Map<String, Long> events = new HashMap<>();
        for (int event = 0; event < 1_000; event++) {
            events.put("event-" + event, start + event);
        }
        TrackingWindow window = TrackingWindow.of(events).plus(start + 1_000, "event-1000", start + 500);
        List<String> asked = new ArrayList<>();

        assertThat(window.allMatchNewestFirst(seen -> asked.add(seen.eventId())
                && !seen.eventId().equals("event-1000"))).isFalse();
        assertThat(asked).containsExactly("event-1000");

        asked.clear();
        assertThat(window.allMatchNewestFirst(seen -> asked.add(seen.eventId()))).isTrue();
        assertThat(asked).hasSize(501).startsWith("event-1000", "event-999").endsWith("event-500");
    }

    @Example
    void refusesToAdvanceToAnEventItHasSeen() {
        SharedWindowTrackingToken token = ((SharedWindowTrackingToken) SharedWindowTrackingToken.of(null))
                .advanceTo(START, "seen", LOOK_BACK);

        assertThatThrownBy(() -> token.advanceTo(START, "seen", LOOK_BACK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void aReadResumesFromATokenMongoStoredAndFromNone() {
        MongoTrackingToken stored = MongoTrackingToken.of(START, Map.of("a", START.toEpochMilli()));

        TrackingToken resumed = SharedWindowTrackingToken.of(stored);

        assertThat(resumed).isInstanceOf(SharedWindowTrackingToken.class);
        assertThat(((MongoTrackingToken) resumed).getTimestamp()).isEqualTo(START);
        assertThat(((MongoTrackingToken) resumed).getKnownEventIds()).containsExactly("a");
        assertThat(((MongoTrackingToken) SharedWindowTrackingToken.of(null)).getKnownEventIds()).isEmpty();
        assertThat(SharedWindowTrackingToken.of(resumed)).isSameAs(resumed);
    }

    @Example
    void isStoredAndReadBackAsItWasAloneAndInAReplay() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        SharedWindowTrackingToken token = ((SharedWindowTrackingToken) SharedWindowTrackingToken.of(null))
                .advanceTo(START, "a", LOOK_BACK).advanceTo(START.plusMillis(5), "b", LOOK_BACK);
        TrackingToken replay = ReplayToken.createReplayToken(token, SharedWindowTrackingToken.of(null));

        SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
        SerializedObject<byte[]> storedReplay = serializer.serialize(replay, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(token);
        assertThat((Object) serializer.deserialize(storedReplay)).isEqualTo(replay);
    }

    @Property(tries = 200)
    void isReadBackFromItsPackedWindowWhateverItsEventIds(@ForAll("eventIds") List<String> eventIds,
                                                         @ForAll("streams") List<Integer> offsets) {
        SharedWindowTrackingToken token = (SharedWindowTrackingToken) SharedWindowTrackingToken.of(null);
        for (int i = 0; i < eventIds.size(); i++) {
            if (!token.getTrackedEvents().containsKey(eventIds.get(i))) {
                int offset = offsets.isEmpty() ? i : offsets.get(i % offsets.size());
                token = token.advanceTo(START.plusMillis(offset), eventIds.get(i), LOOK_BACK);
            }
        }

        assertThat((Object) SERIALIZER.deserialize(SERIALIZER.serialize(token, byte[].class))).isEqualTo(token);
    }

    @Provide
    Arbitrary<List<String>> eventIds() {
        Arbitrary<String> uuids = Arbitraries.create(() -> UUID.randomUUID().toString());
        Arbitrary<String> others = Arbitraries.oneOf(Arbitraries.strings().ofMinLength(0).ofMaxLength(40),
                uuids.map(id -> id.toUpperCase(Locale.ROOT)), Arbitraries.just("ünïcode ✓ id"));
        return Arbitraries.oneOf(uuids, others).list().ofMinSize(1).ofMaxSize(60);
    }

    @Example
    void storesItsWindowPackedAndReadsOneStoredAsMongosTokenStoresIt() throws Exception {
        SharedWindowTrackingToken token = (SharedWindowTrackingToken) SharedWindowTrackingToken.of(null);
        for (int i = 0; i < 1_000; i++) {
            token = token.advanceTo(START.plusMillis(i), UUID.randomUUID().toString(), LOOK_BACK);
        }
        MongoTrackingToken asMongoStoresIt = asMongo(token);

        byte[] stored = SERIALIZER.serialize(token, byte[].class).getData();
        byte[] storedByMongo = SERIALIZER.serialize(asMongoStoresIt, byte[].class).getData();

        assertThat(new ObjectMapper().readTree(stored).has("trackedEvents")).isFalse();
        assertThat(stored.length).isLessThan(storedByMongo.length / 2);
        TrackingToken readFromMongosForm = SharedWindowTrackingToken.fromJson(asMongoStoresIt.getTimestamp(),
                asMongoStoresIt.getTrackedEvents(), null);
        assertThat(readFromMongosForm).isEqualTo(token);
        assertThat(new ObjectMapper().findAndRegisterModules().readValue(storedByMongo,
                SharedWindowTrackingToken.class)).isEqualTo(token);
    }

    @Example
    void keepsTheFormInWhichItsWindowWasStoredBefore() throws Exception {
        String storedBefore = "{\"timestamp\":1796083201.500000000,"
                + "\"window\":\"txcAD4+tW9nLRp+hZXCGdyiVDuASAHyeZnl0JUDelEvgf8H5CufYBAEHb3JkZXIgNw==\"}";
        SharedWindowTrackingToken seenInTimeOrder = ((SharedWindowTrackingToken) SharedWindowTrackingToken.of(null))
                .advanceTo(START, "0f8fad5b-d9cb-469f-a165-70867728950e", LOOK_BACK)
                .advanceTo(START.plusMillis(1200), "7c9e6679-7425-40de-944b-e07fc1f90ae7", LOOK_BACK)
                .advanceTo(START.plusMillis(1500), "order 7", LOOK_BACK);
        SharedWindowTrackingToken oneCameInLate = ((SharedWindowTrackingToken) SharedWindowTrackingToken.of(null))
                .advanceTo(START, "0f8fad5b-d9cb-469f-a165-70867728950e", LOOK_BACK)
                .advanceTo(START.plusMillis(1500), "order 7", LOOK_BACK)
                .advanceTo(START.plusMillis(1200), "7c9e6679-7425-40de-944b-e07fc1f90ae7", LOOK_BACK);
        ObjectMapper reader = new ObjectMapper().findAndRegisterModules();

        byte[] stored = SERIALIZER.serialize(seenInTimeOrder, byte[].class).getData();
        byte[] storedWithOneLate = SERIALIZER.serialize(oneCameInLate, byte[].class).getData();

        assertThat(new ObjectMapper().readTree(stored)).isEqualTo(new ObjectMapper().readTree(storedBefore));
        assertThat(storedWithOneLate).isNotEqualTo(stored);
        assertThat(reader.readValue(storedWithOneLate, SharedWindowTrackingToken.class)).isEqualTo(oneCameInLate);
        assertThat(SERIALIZER.serialize(reader.readValue(storedWithOneLate, SharedWindowTrackingToken.class),
                byte[].class).getData()).as("read back by time, no event late").isEqualTo(stored);
        assertThat(reader.readValue(storedBefore, SharedWindowTrackingToken.class)).isEqualTo(oneCameInLate)
                .isEqualTo(seenInTimeOrder);
    }

    private static MongoTrackingToken asMongo(MongoTrackingToken token) {
        return MongoTrackingToken.of(token.getTimestamp(), new HashMap<>(token.getTrackedEvents()));
    }

    private static Map<Instant, Map<String, Long>> window(TrackingToken token) {
        MongoTrackingToken mongo = (MongoTrackingToken) token;
        return Map.of(mongo.getTimestamp(), new HashMap<>(mongo.getTrackedEvents()));
    }
}
