package com.aipasta.ops.storage;

import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A policy's processor whose batch dies after Axon would have stored its token and before the events of the command it
 * sent are stored: with the platform's token store (MongoDB, no transaction) the event is handled again, so its effect
 * is stored after all, once.
 */
class EffectsFirstTokenStoreTest {

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
        assertThat(storedAfterALostEffect(new EffectsFirstTokenStore(mongoTokenStore())))
                .containsExactly(new SignedUp("ada"), new WalletOpened("ada"));
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
