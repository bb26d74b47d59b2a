package com.aipasta.ops.projection;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.storage.SharedWindowTrackingToken;
import com.mongodb.client.MongoCollection;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * How a replay drives the read models' processors: every one stopped and reset before any starts, so that they read
 * the stream together; a request naming one already rebuilding changes nothing; a reset refused leaves each
 * processor running as it was, those already reset replaying; a read model is live, or its replay done, once its
 * tracking token holds every stored event, not by Axon's caught-up flag. The processors are stand-ins recording what
 * they are asked, in order.
 */
class ProjectionsTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
    private MongoCollection<Document> events;
    private Projections projections;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readModels() {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        for (String name : Projections.names()) {
            StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
            when(processor.isRunning()).thenReturn(true);
            when(processor.processingStatus()).thenReturn(Map.of());
            when(processor.shutdownAsync()).thenAnswer(invocation -> {
                calls.add("stop " + name);
                return CompletableFuture.completedFuture(null);
            });
            doAnswer(invocation -> calls.add("reset " + name)).when(processor).resetTokens();
            doAnswer(invocation -> calls.add("start " + name)).when(processor).start();
            when(processing.eventProcessor(name, StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
            processors.put(name, processor);
        }
        events = mock(MongoCollection.class);
        when(events.countDocuments()).thenReturn(100L);
        when(events.countDocuments(any(Bson.class))).thenReturn(0L);
        MongoTemplate eventStore = mock(MongoTemplate.class);
        when(eventStore.eventCollection()).thenReturn(events);
        projections = new Projections(processing, eventStore, Clock.systemUTC());
    }

    @Test
    void everyReadModelIsStoppedAndResetBeforeAnyStarts() {
        projections.replay(Projections.ALL);

        List<String> names = Projections.names();
        assertThat(calls).hasSize(3 * names.size());
        assertThat(calls.subList(0, names.size())).allMatch(call -> call.startsWith("stop "));
        assertThat(calls.subList(names.size(), 2 * names.size())).allMatch(call -> call.startsWith("reset "));
        assertThat(calls.subList(2 * names.size(), calls.size()))
                .containsExactlyElementsOf(names.stream().map(name -> "start " + name).toList());
    }

    @Test
    void aReplayNamingOneStillRebuildingChangesNothing() {
        projections.replay("plans");
        EventTrackerStatus behind = mock(EventTrackerStatus.class);
        when(behind.isCaughtUp()).thenReturn(false);
        when(processors.get("plans").processingStatus()).thenReturn(Map.of(0, behind));
        calls.clear();

        assertThatThrownBy(() -> projections.replay(Projections.ALL)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(calls).isEmpty();
    }

    @Test
    void aResetRefusedLeavesEachReadModelRunningAndThoseResetReplaying() {
        List<String> names = Projections.names();
        String refusing = names.get(names.size() / 2);
        doAnswer(invocation -> {
            throw new IllegalStateException("another node holds the segment");
        }).when(processors.get(refusing)).resetTokens();
        when(processors.get(names.get(names.size() - 1)).isRunning()).thenReturn(false);

        assertThatThrownBy(() -> projections.replay(Projections.ALL)).isInstanceOf(DomainException.class)
                .hasMessageContaining(refusing);

        List<String> expectedStarts = new ArrayList<>(names);
        expectedStarts.remove(names.size() - 1);
        assertThat(calls.stream().filter(call -> call.startsWith("start ")).toList())
                .containsExactlyElementsOf(expectedStarts.stream().map(name -> "start " + name).toList());
        assertThat(calls.stream().filter(call -> call.startsWith("reset ")).toList())
                .containsExactlyElementsOf(names.subList(0, names.size() / 2).stream().map(name -> "reset " + name)
                        .toList());
        assertThat(projections.isRebuilding(names.get(0))).isTrue();
        assertThat(projections.isRebuilding(refusing)).isFalse();
    }

    @Test
    void aReadModelIsLiveOnceItsTokenHoldsEveryStoredEventWhateverAxonsFlagSays() {
        Instant newest = Instant.parse("2026-12-07T10:00:00.005Z");
        stored(newest.minusMillis(5), newest, newest);

        reports("plans", through(newest.minusMillis(5), newest, newest), false);
        assertThat(projections.status("plans").status()).isEqualTo("live");
        assertThat(projections.status("plans").eventsBehind()).isZero();

        reports("plans", through(newest.minusMillis(5), newest), true);
        assertThat(projections.status("plans").status()).isEqualTo("catching-up");
        assertThat(projections.status("plans").eventsBehind()).isEqualTo(1);
    }

    @Test
    void aReplayIsDoneOnceTheTokenHoldsEveryEventStoredAtItsStart() {
        Instant newest = Instant.parse("2026-12-07T10:00:00.005Z");
        stored(newest.minusMillis(5), newest, newest);
        projections.replay("plans");

        reports("plans", through(newest.minusMillis(5), newest), true);
        assertThat(projections.isRebuilding("plans")).isTrue();
        assertThat(projections.status("plans").progress().eventsDone()).isEqualTo(2);

        reports("plans", through(newest.minusMillis(5), newest, newest), false);
        assertThat(projections.isRebuilding("plans")).isFalse();
        assertThat(projections.status("plans").progress().eventsDone()).isEqualTo(3);
    }

    /**
     * The event store holds events at these times; a count of those before a time, or up to it, compares them as Axon
     * stores them.
     */
    private void stored(Instant... times) {
        List<String> stored = Arrays.stream(times).map(DateTimeUtils::formatInstant).toList();
        when(events.countDocuments()).thenReturn((long) stored.size());
        when(events.countDocuments(any(Bson.class))).thenAnswer(invocation -> {
            BsonDocument bound = invocation.<Bson>getArgument(0).toBsonDocument().getDocument("timestamp");
            String time = bound.getString(bound.getFirstKey()).getValue();
            boolean upTo = "$lte".equals(bound.getFirstKey());
            return stored.stream().filter(at -> at.compareTo(time) < 0 || upTo && at.equals(time)).count();
        });
    }

    /** The token of a processor that handled events at these times, one after another. */
    private static TrackingToken through(Instant... times) {
        MongoTrackingToken token = (MongoTrackingToken) SharedWindowTrackingToken.of(null);
        for (int i = 0; i < times.length; i++) {
            token = token.advanceTo(times[i], "event-" + i, Duration.ofSeconds(10));
        }
        return token;
    }

    private void reports(String name, TrackingToken token, boolean caughtUpFlag) {
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        when(segment.getTrackingToken()).thenReturn(token);
        when(segment.isCaughtUp()).thenReturn(caughtUpFlag);
        when(processors.get(name).processingStatus()).thenReturn(Map.of(0, segment));
    }
}
