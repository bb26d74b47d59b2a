package com.aipasta.ops.projection;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.mongodb.client.MongoCollection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
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
 * processor running as it was, those already reset replaying. The processors are stand-ins recording what they are
 * asked, in order.
 */
class ProjectionsTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
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
        MongoCollection<Document> events = mock(MongoCollection.class);
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
}
