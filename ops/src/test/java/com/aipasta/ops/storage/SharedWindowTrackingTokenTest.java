package com.aipasta.ops.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

            long cutOff = token.getTimestamp().minus(LOOK_BACK).toEpochMilli();
            assertThat(token.getTimestamp()).isEqualTo(mongo.getTimestamp());
            assertThat(token.getTrackedEvents()).isEqualTo(mongo.getTrackedEvents().entrySet().stream()
                    .filter(seen -> seen.getValue() >= cutOff)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
        for (SharedWindowTrackingToken first : shared) {
            for (SharedWindowTrackingToken second : shared) {
                assertThat(first.covers(second)).isEqualTo(asMongo(first).covers(asMongo(second)));
                assertThat(window(first.lowerBound(second))).isEqualTo(window(asMongo(first).lowerBound(
                        asMongo(second))));
                assertThat(window(first.upperBound(second))).isEqualTo(window(asMongo(first).upperBound(
                        asMongo(second))));
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> streams() {
        return Arbitraries.integers().between(-3_000, 1_500).list().ofMaxSize(40)
                .map(steps -> {
                    List<Integer> offsets = new ArrayList<>();
                    int newest = 0;
                    for (int step : steps) {
                        newest = Math.max(newest, newest + step);
                        offsets.add(step < 0 ? newest + step : newest);
                    }
                    return offsets;
                });
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
        SharedWindowTrackingToken token = ((SharedWindowTrackingToken) SharedWindowTrackingToken.of(null))
                .advanceTo(START, "0f8fad5b-d9cb-469f-a165-70867728950e", LOOK_BACK)
                .advanceTo(START.plusMillis(1500), "order 7", LOOK_BACK)
                .advanceTo(START.plusMillis(1200), "7c9e6679-7425-40de-944b-e07fc1f90ae7", LOOK_BACK);

        byte[] stored = SERIALIZER.serialize(token, byte[].class).getData();

        assertThat(new ObjectMapper().readTree(stored)).isEqualTo(new ObjectMapper().readTree(storedBefore));
        assertThat(new ObjectMapper().findAndRegisterModules().readValue(storedBefore,
                SharedWindowTrackingToken.class)).isEqualTo(token);
    }

    private static MongoTrackingToken asMongo(MongoTrackingToken token) {
        return MongoTrackingToken.of(token.getTimestamp(), new HashMap<>(token.getTrackedEvents()));
    }

    private static Map<Instant, Map<String, Long>> window(TrackingToken token) {
        MongoTrackingToken mongo = (MongoTrackingToken) token;
        return Map.of(mongo.getTimestamp(), new HashMap<>(mongo.getTrackedEvents()));
    }
}
