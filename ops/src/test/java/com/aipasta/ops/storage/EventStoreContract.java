package com.aipasta.ops.storage;

import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * What the platform needs of its event store, run against each MongoDB it supports: the embedded server
 * always, a real MongoDB where Docker can start one.
 */
abstract class EventStoreContract {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, List<String>> SENT = new ConcurrentHashMap<>();

    protected abstract MongoClient client();

    /** A client of the database at this address, whose commands the contract counts by database. */
    protected static MongoClient connect(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        sent(event.getDatabaseName()).add(event.getCommandName());
                    }
                })
                .build());
    }

    private static List<String> sent(String database) {
        return SENT.computeIfAbsent(database, name -> new CopyOnWriteArrayList<>());
    }

    private MongoTemplate template;
    private MongoEventStorageEngine engine;
    private EmbeddedEventStore eventStore;
    private JacksonSerializer serializer;
    private final List<TrackingEventProcessor> processors = new ArrayList<>();

    @BeforeEach
    void createStore() {
        serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        template = DefaultMongoTemplate.builder()
                .mongoDatabase(client(), "contract_" + UUID.randomUUID().toString().replace("-", ""))
                .build();
        engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(strategy())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.ensureIndexes();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterEach
    void closeStore() {
        processors.forEach(TrackingEventProcessor::shutDown);
        eventStore.shutDown();
    }

    @Test
    void readsAnAggregatesEventsBackInOrder() {
        WalletId wallet = newWallet();
        engine.appendEvents(history(wallet, 0, 5));

        List<Object> payloads = engine.readEvents(wallet.value()).asStream().map(DomainEventMessage::getPayload)
                .collect(Collectors.toList());

        assertThat(payloads).hasSize(5).first().isInstanceOf(WalletOpenedEvent.class);
        assertThat(payloads.subList(1, 5)).extracting(event -> ((TokensGrantedEvent) event).amount())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(engine.lastSequenceNumberFor(wallet.value())).hasValue(4L);
    }

    @Test
    void refusesASecondEventAtTheSameSequenceNumber() {
        WalletId wallet = newWallet();
        engine.appendEvents(history(wallet, 0, 2));

        assertThatThrownBy(() -> engine.appendEvents(history(wallet, 1, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents(wallet.value()).asStream().count()).isEqualTo(2);
    }

    @Test
    void streamsEveryEventAndResumesFromAToken() {
        WalletId first = newWallet();
        WalletId second = newWallet();
        engine.appendEvents(history(first, 0, 3));
        engine.appendEvents(history(second, 0, 3));

        List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).collect(Collectors.toList());
        TrackingToken afterTwo = all.get(1).trackingToken();
        List<? extends TrackedEventMessage<?>> rest = engine.readEvents(afterTwo, false).collect(Collectors.toList());

        assertThat(all).hasSize(6);
        assertThat(rest).extracting(TrackedEventMessage::getIdentifier)
                .containsExactlyElementsOf(all.subList(2, 6).stream().map(TrackedEventMessage::getIdentifier)
                        .collect(Collectors.toList()));
    }

    @Test
    void streamsAnEventCommittedAfterNewerOnesOnceWhetherResumedFromItsOwnTokenOrMongos() {
        WalletId early = newWallet();
        WalletId late = newWallet();
        engine.appendEvents(history(early, 0, 3, T.plusSeconds(5)));
        TrackingToken seen = engine.readEvents(null, false).reduce((first, second) -> second).orElseThrow()
                .trackingToken();
        MongoTrackingToken storedByMongo = MongoTrackingToken.of(((MongoTrackingToken) seen).getTimestamp(),
                ((MongoTrackingToken) seen).getTrackedEvents());

        engine.appendEvents(history(late, 0, 2, T.plusSeconds(1)));

        for (TrackingToken resumed : List.of(seen, storedByMongo)) {
            List<? extends TrackedEventMessage<?>> next = engine.readEvents(resumed, false)
                    .collect(Collectors.toList());
            assertThat(next).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                    .containsExactly(late.value(), late.value());
            assertThat(engine.readEvents(next.get(1).trackingToken(), false).count()).isZero();
        }
    }

    @Test
    void resumesWithoutSendingTheIdsItHasSeenUnlessAnEventCameInLate() {
        WalletId early = newWallet();
        WalletId late = newWallet();
        DocumentPerEventStorageStrategy strategy = strategy();
        MongoCollection<Document> events = recordedEvents();
        engine.appendEvents(history(early, 0, 3, T.plusSeconds(5)));
        TrackingToken seen = last(strategy.findTrackedEvents(events, null, 100));

        engine.appendEvents(history(early, 3, 2, T.plusSeconds(6)));
        List<? extends TrackedEventData<?>> newer = strategy.findTrackedEvents(events, seen, 100);
        engine.appendEvents(history(late, 0, 2, T.plusSeconds(1)));
        List<? extends TrackedEventData<?>> cameLate = strategy.findTrackedEvents(events, last(newer), 100);
        List<? extends TrackedEventData<?>> after = strategy.findTrackedEvents(events, last(cameLate), 100);

        assertThat(newer).extracting(TrackedEventData::getTimestamp).containsExactly(T.plusSeconds(6),
                T.plusSeconds(6));
        assertThat(cameLate).extracting(event -> ((DomainEventData<?>) event).getAggregateIdentifier())
                .containsExactly(late.value(), late.value());
        assertThat(after).isEmpty();
        ArgumentCaptor<Bson> reads = ArgumentCaptor.forClass(Bson.class);
        verify(events, times(5)).find(reads.capture());
        assertThat(reads.getAllValues()).extracting(read -> read.toBsonDocument().toJson().contains("$nin"))
                .as("whether each query sent the ids its token has seen")
                .containsExactly(false, false, false, true, false);
    }

    @Test
    void readsOnFromABatchThatEndedWithinAMillisecondWithoutSendingTheIdsItHasSeen() {
        DocumentPerEventStorageStrategy strategy = strategy();
        MongoCollection<Document> events = recordedEvents();
        engine.appendEvents(history(newWallet(), 0, 5, T.plusSeconds(5)));

        List<? extends TrackedEventData<?>> first = strategy.findTrackedEvents(events, null, 3);
        List<? extends TrackedEventData<?>> rest = strategy.findTrackedEvents(events, last(first), 3);

        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2).extracting(TrackedEventData::getEventIdentifier)
                .doesNotContainAnyElementsOf(first.stream().map(TrackedEventData::getEventIdentifier).toList());
        assertThat(strategy.findTrackedEvents(events, last(rest), 3)).isEmpty();
        ArgumentCaptor<Bson> reads = ArgumentCaptor.forClass(Bson.class);
        verify(events, times(3)).find(reads.capture());
        assertThat(reads.getAllValues()).extracting(read -> read.toBsonDocument().toJson().contains("$nin"))
                .as("whether each query sent the ids its token has seen")
                .containsOnly(false);
    }

    @Test
    void asksForAnEventThatCameLateWithTheIdsOfTheNewestSpanThatHoldsIt() {
        DocumentPerEventStorageStrategy strategy = strategy();
        MongoCollection<Document> events = recordedEvents();
        appendOneASecond(9);
        List<? extends TrackedEventData<?>> seen = strategy.findTrackedEvents(events, null, 100);
        engine.appendEvents(history(newWallet(), 0, 1, T.plusSeconds(8).minusMillis(40)));

        List<? extends TrackedEventData<?>> cameLate = strategy.findTrackedEvents(events, last(seen), 100);

        assertThat(cameLate).extracting(TrackedEventData::getTimestamp)
                .containsExactly(T.plusSeconds(8).minusMillis(40));
        ArgumentCaptor<Bson> reads = ArgumentCaptor.forClass(Bson.class);
        verify(events, times(3)).find(reads.capture());
        String askedLate = reads.getAllValues().get(2).toBsonDocument().toJson();
        assertThat(askedLate).as("the ids the read of the late event sent")
                .contains(seen.get(8).getEventIdentifier()).doesNotContain(seen.get(7).getEventIdentifier());
    }

    /**
     * An event comes in late far back in the window, and another close to its newest while the read counts the spans:
     * the read that the newest span's count chose would leave the first behind the events that follow it.
     */
    @Test
    void leavesNoEventThatCameLateBehindAnotherThatCameInWhileItCounted() {
        DocumentPerEventStorageStrategy strategy = strategy();
        MongoCollection<Document> stored = template.eventCollection();
        MongoCollection<Document> events = recordedEvents();
        appendOneASecond(9);
        List<? extends TrackedEventData<?>> seen = strategy.findTrackedEvents(events, null, 100);
        engine.appendEvents(history(newWallet(), 0, 1, T.plusSeconds(6)));
        AtomicInteger counts = new AtomicInteger();
        doAnswer(count -> {
            if (counts.incrementAndGet() == 2) {
                engine.appendEvents(history(newWallet(), 0, 1, T.plusSeconds(8).minusMillis(5)));
            }
            return stored.countDocuments(count.<Bson>getArgument(0));
        }).when(events).countDocuments(any(Bson.class));

        List<? extends TrackedEventData<?>> cameLate = strategy.findTrackedEvents(events, last(seen), 100);

        assertThat(cameLate).extracting(TrackedEventData::getTimestamp)
                .containsExactly(T.plusSeconds(6), T.plusSeconds(8).minusMillis(5));
    }

    @Test
    void readsAFullBatchOfTheStreamWithoutLeavingACursorToClose() {
        engine.appendEvents(history(newWallet(), 0, 5));
        MongoCollection<Document> events = template.eventCollection();
        List<String> sent = sent(events.getNamespace().getDatabaseName());
        int before = sent.size();

        List<? extends TrackedEventData<?>> batch = strategy().findTrackedEvents(events, null, 3);

        assertThat(batch).hasSize(3);
        assertThat(sent.subList(before, sent.size())).as("the commands of one read of a full batch")
                .containsExactly("find", "aggregate");
    }

    @Test
    void anEventThatCommitsLateWhileTheStreamIsReadComesBeforeTheEventsThatFollowIt() {
        WalletId wallet = newWallet();
        DocumentPerEventStorageStrategy strategy = strategy();
        MongoCollection<Document> stored = template.eventCollection();
        MongoCollection<Document> events = recordedEvents();
        engine.appendEvents(history(newWallet(), 0, 3, T.plusSeconds(5)));
        TrackingToken seen = last(strategy.findTrackedEvents(events, null, 100));
        doAnswer(read -> {
            engine.appendEvents(history(wallet, 0, 1, T.plusSeconds(1)));
            engine.appendEvents(history(wallet, 1, 1, T.plusSeconds(6)));
            return stored.find((Bson) read.getArgument(0));
        }).doAnswer(read -> stored.find((Bson) read.getArgument(0))).when(events).find(any(Bson.class));

        List<? extends TrackedEventData<?>> next = strategy.findTrackedEvents(events, seen, 100);

        assertThat(next).extracting(event -> ((DomainEventData<?>) event).getSequenceNumber()).containsExactly(0L, 1L);
        assertThat(strategy.findTrackedEvents(events, last(next), 100)).isEmpty();
    }

    private static DocumentPerEventStorageStrategy strategy() {
        return SharedWindowTrackingToken.documentPerEventStrategy(Duration.ofSeconds(10));
    }

    /** The events' collection, whose calls a test can check. */
    @SuppressWarnings("unchecked")
    private MongoCollection<Document> recordedEvents() {
        return mock(MongoCollection.class, delegatesTo(template.eventCollection()));
    }

    /** A new wallet's first events, one a second from {@code T}. */
    private void appendOneASecond(int events) {
        WalletId wallet = newWallet();
        for (int second = 0; second < events; second++) {
            engine.appendEvents(history(wallet, second, 1, T.plusSeconds(second)));
        }
    }

    private static TrackingToken last(List<? extends TrackedEventData<?>> events) {
        return events.get(events.size() - 1).trackingToken();
    }

    @Test
    void replaysEverythingTwiceWithoutRepeatingSideEffects() {
        WalletId wallet = newWallet();
        engine.appendEvents(history(wallet, 0, 40));
        Recorder recorder = new Recorder();
        SideEffect sideEffect = new SideEffect();
        TrackingEventProcessor processor = processor(recorder, sideEffect);
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.seen.size() == 39);

        for (int replay = 1; replay <= 2; replay++) {
            recorder.seen.clear();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.seen.size() == 39);
            assertThat(recorder.seen).as("replay " + replay).allMatch(seen -> seen);
        }
        assertThat(sideEffect.performed).hasSize(39);

        recorder.seen.clear();
        engine.appendEvents(history(wallet, 40, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> sideEffect.performed.size() == 40);
        assertThat(recorder.seen).containsExactly(false);
    }

    @Test
    void readsTheNextBatchOfTheStreamThroughAnIndexWithoutExaminingTheHistory() {
        for (int wallet = 0; wallet < 20; wallet++) {
            engine.appendEvents(history(newWallet(), 0, 25, T));
        }
        Instant later = T.plusSeconds(3600);
        engine.appendEvents(history(newWallet(), 0, 5, later));
        MongoCollection<Document> events = template.eventCollection();

        Document plan = events.find(Filters.gte("timestamp", DateTimeUtils.formatInstant(later)))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).explain();
        Document head = events.find().sort(Sorts.descending("timestamp")).limit(1).explain();

        assertIndexed(plan);
        assertThat(examined(plan)).isEqualTo(5);
        assertIndexed(head);
        assertThat(examined(head)).isEqualTo(1);
    }

    @Test
    void loadsAnAggregateThroughAnIndexExaminingOnlyItsEvents() {
        for (int other = 0; other < 20; other++) {
            engine.appendEvents(history(newWallet(), 0, 25, T));
        }
        WalletId wallet = newWallet();
        engine.appendEvents(history(wallet, 0, 30, T));
        MongoCollection<Document> events = template.eventCollection();

        Document load = events.find(Filters.and(Filters.eq("aggregateIdentifier", wallet.value()),
                Filters.gte("sequenceNumber", 10L))).sort(Sorts.ascending("sequenceNumber")).explain();
        Document last = events.find(Filters.eq("aggregateIdentifier", wallet.value()))
                .sort(Sorts.descending("sequenceNumber")).limit(1).explain();

        assertIndexed(load);
        assertThat(examined(load)).isEqualTo(20);
        assertIndexed(last);
        assertThat(examined(last)).isEqualTo(1);
        assertThat(engine.readEvents(wallet.value(), 10).asStream().count()).isEqualTo(20);
    }

    /** Neither a collection scan nor a sort in memory: the index gives the documents in the order asked for. */
    private static void assertIndexed(Document explained) {
        String plan = explained.get("queryPlanner", Document.class).toJson();
        assertThat(plan).contains("IXSCAN").doesNotContain("COLLSCAN").doesNotContain("\"SORT\"");
    }

    private static int examined(Document explained) {
        return explained.get("executionStats", Document.class).get("totalDocsExamined", Number.class).intValue();
    }

    private TrackingEventProcessor processor(Object... handlers) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("contract")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handlers).build())
                .messageSource(eventStore)
                .tokenStore(MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).build())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                .build();
        processors.add(processor);
        return processor;
    }

    /** Records whether each grant was a replay. */
    static class Recorder {
        final List<Boolean> seen = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(TokensGrantedEvent event, ReplayStatus status) {
            seen.add(status.isReplay());
        }
    }

    /** Stands for a handler with a side effect, which must run once per event, never in a replay. */
    static class SideEffect {
        final List<Long> performed = new CopyOnWriteArrayList<>();

        @EventHandler
        @DisallowReplay
        void on(TokensGrantedEvent event) {
            performed.add(event.amount());
        }
    }

    private static WalletId newWallet() {
        return WalletId.of(new UserId(UUID.randomUUID().toString()));
    }

    private static List<DomainEventMessage<?>> history(WalletId wallet, int from, int count) {
        return history(wallet, from, count, Instant.now());
    }

    private static List<DomainEventMessage<?>> history(WalletId wallet, int from, int count, Instant timestamp) {
        return IntStream.range(from, from + count)
                .mapToObj(sequence -> new GenericDomainEventMessage<>("Wallet", wallet.value(), sequence,
                        sequence == 0 ? new WalletOpenedEvent(wallet, wallet.owner(), 100, T)
                                : new TokensGrantedEvent(wallet, sequence, "grant " + sequence,
                                new UserId("admin"), T), Map.of(), UUID.randomUUID().toString(), timestamp))
                .collect(Collectors.toList());
    }
}
