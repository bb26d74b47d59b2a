package com.aipasta.ops.storage;

import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import com.aipasta.ops.MovableClock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A policy's processor whose batch dies after Axon would have stored its token and before the events of the command it
 * sent are stored: with the platform's token store (MongoDB, no transaction) the event is handled again, so its effect
 * is stored after all, once. A busy processor stores its token once per interval, and never one of a batch that
 * failed; what it kept back is stored when it runs out of events or lets its segment go.
 */
class EffectsFirstTokenStoreTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void startDatabase() {
        server = new MongoServer(IndexedH2Backend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterEach
    void stopDatabase() {
        client.close();
        server.shutdownNow();
    }

    record SignedUp(String who) {
    }

    record WalletOpened(String who) {
    }

    @Test
    void anEventWhoseEffectsWereLostIsHandledAgain() {
        assertThat(storedAfterALostEffect(new EffectsFirstTokenStore(mongoTokenStore(), INTERVAL, Clock.systemUTC())))
                .containsExactly(new SignedUp("ada"), new WalletOpened("ada"));
    }

    @Test
    void aBusyProcessorWritesItsTokenOncePerIntervalAndTheNewestWhenItHasNothingToDo() {
        RecordingTokenStore stored = new RecordingTokenStore();
        MovableClock clock = new MovableClock();
        EffectsFirstTokenStore tokens = new EffectsFirstTokenStore(stored, INTERVAL, clock);

        batch(tokens, 1, true);
        clock.advance(Duration.ofMillis(300));
        batch(tokens, 2, true);
        batch(tokens, 3, true);
        tokens.extendClaim(PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L);
        assertThat(stored.claimsExtended).as("the claim was extended by the store").isZero();

        clock.advance(Duration.ofMillis(700));
        batch(tokens, 4, true);
        batch(tokens, 5, true);
        assertThat(stored.positions()).containsExactly(1L, 4L);

        clock.advance(INTERVAL);
        tokens.extendClaim(PROCESSOR, 0);
        tokens.extendClaim(PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L, 4L, 5L);
        assertThat(stored.claimsExtended).isZero();

        clock.advance(INTERVAL);
        tokens.extendClaim(PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L, 4L, 5L);
        assertThat(stored.claimsExtended).isEqualTo(1);
    }

    @Test
    void aFailedBatchKeepsNothingBackAndLettingTheSegmentGoStoresWhatWasKeptBack() {
        RecordingTokenStore stored = new RecordingTokenStore();
        EffectsFirstTokenStore tokens = new EffectsFirstTokenStore(stored, INTERVAL, new MovableClock());

        batch(tokens, 1, true);
        batch(tokens, 2, true);
        batch(tokens, 3, false);
        tokens.releaseClaim(PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L, 2L);

        batch(tokens, 3, true);
        assertThat(stored.positions()).as("a segment claimed again stores its first batch at once")
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void progressPastEventsTheProcessorDoesNotHandleIsKeptBackWhileItHoldsTheSegment() {
        RecordingTokenStore stored = new RecordingTokenStore();
        MovableClock clock = new MovableClock();
        EffectsFirstTokenStore tokens = new EffectsFirstTokenStore(stored, INTERVAL, clock);

        batch(tokens, 1, true);
        tokens.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(3), PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L);

        clock.advance(INTERVAL);
        tokens.storeToken(new GlobalSequenceTrackingToken(4), PROCESSOR, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0);
        tokens.releaseClaim(PROCESSOR, 0);
        assertThat(stored.positions()).containsExactly(1L, 4L, 5L);
    }

    @Test
    void aTokenStoredWhileTheSegmentIsNotHeldHereIsStoredAtOnce() {
        RecordingTokenStore stored = new RecordingTokenStore();
        EffectsFirstTokenStore tokens = new EffectsFirstTokenStore(stored, INTERVAL, new MovableClock());

        batch(tokens, 1, true);
        batch(tokens, 2, true);
        tokens.releaseClaim(PROCESSOR, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(0), PROCESSOR, 0);
        assertThat(stored.positions()).as("a reset after the processor let its segment go").containsExactly(1L, 2L, 0L);
    }

    @Test
    void anIntervalNearTheClaimTimeoutIsRefused() {
        assertThatThrownBy(() -> new EffectsFirstTokenStore(new InMemoryTokenStore(), Duration.ofSeconds(6),
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENT_PROCESSOR_TOKEN_INTERVAL");
    }

    @Test
    void aProcessorThatRunsOutOfEventsStoresTheTokenOfTheLastOneItHandled() {
        RecordingTokenStore stored = new RecordingTokenStore();
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
                .build();
        List<Object> handled = new CopyOnWriteArrayList<>();
        TrackingEventProcessor policy = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((org.axonframework.eventhandling.EventMessageHandler) event -> {
                            handled.add(event.getPayload());
                            return null;
                        }).build())
                .messageSource(events)
                .tokenStore(new EffectsFirstTokenStore(stored, EffectsFirstTokenStore.MAX_INTERVAL, Clock.systemUTC()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        policy.start();
        try {
            for (int i = 0; i < 50; i++) {
                events.publish(GenericEventMessage.asEventMessage(new SignedUp("user " + i)));
            }
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                assertThat(handled).hasSize(50);
                assertThat(stored.positions()).last().isEqualTo(49L);
            });
            assertThat(stored.positions()).as("stored far less often than once per event").hasSizeLessThan(10);
        } finally {
            policy.shutDown();
            events.shutDown();
        }
    }

    private static final String PROCESSOR = "read-model";

    /** A processor's batch ending at {@code position}: Axon stores its token as the batch prepares to commit. */
    private static void batch(TokenStore tokens, long position, boolean commits) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.onPrepareCommit(preparing -> tokens.storeToken(new GlobalSequenceTrackingToken(position), PROCESSOR,
                0));
        if (commits) {
            batch.commit();
        } else {
            batch.onPrepareCommit(preparing -> {
                throw new IllegalStateException("the batch's effects could not be stored");
            });
            assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    static final class RecordingTokenStore extends InMemoryTokenStore {

        final List<TrackingToken> stored = new CopyOnWriteArrayList<>();
        int claimsExtended;

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            stored.add(token);
            super.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            claimsExtended++;
            super.extendClaim(processorName, segment);
        }

        List<Long> positions() {
            return stored.stream().map(token -> token.position().orElseThrow()).toList();
        }
    }

    private MongoTokenStore mongoTokenStore() {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "tokens").build())
                .serializer(JacksonSerializer.defaultSerializer())
                .build();
    }

    private static List<Object> storedAfterALostEffect(TokenStore tokens) {
        LosesTheFirstWalletOpened storage = new LosesTheFirstWalletOpened();
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(storage).build();
        TrackingEventProcessor policy = TrackingEventProcessor.builder()
                .name("wallet-opening")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new OpensWallets(events))
                        .build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        events.publish(GenericEventMessage.asEventMessage(new SignedUp("ada")));
        policy.start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> storage.stored.contains(new WalletOpened("ada")));
        } finally {
            policy.shutDown();
            events.shutDown();
        }
        return storage.stored;
    }

    /** Sends its command in the processor's batch, as the platform's policies do: its events are stored with it. */
    static final class OpensWallets {

        private final EmbeddedEventStore events;

        OpensWallets(EmbeddedEventStore events) {
            this.events = events;
        }

        @EventHandler
        void on(SignedUp event) {
            events.publish(GenericEventMessage.asEventMessage(new WalletOpened(event.who())));
        }
    }

    /** The store of a process killed just before the first wallet's event reached it. */
    static final class LosesTheFirstWalletOpened extends InMemoryEventStorageEngine {

        private final AtomicBoolean lost = new AtomicBoolean();
        final List<Object> stored = new CopyOnWriteArrayList<>();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> appended) {
            if (appended.stream().anyMatch(event -> event.getPayload() instanceof WalletOpened)
                    && lost.compareAndSet(false, true)) {
                throw new IllegalStateException("the process died before the wallet's event was stored");
            }
            super.appendEvents(appended);
            appended.forEach(event -> stored.add(event.getPayload()));
        }
    }
}
