package com.aipasta.projections;

import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.projections.analytics.AnalyticsProjection;
import com.aipasta.projections.analytics.AnalyticsTallyDocument;
import com.aipasta.projections.chat.ChatSessionDocument;
import com.aipasta.projections.chat.ChatSessionProjection;
import com.aipasta.projections.wallet.RequestUsageDocument;
import com.aipasta.projections.wallet.RequestUsageProjection;
import com.aipasta.projections.wallet.WalletDocument;
import com.aipasta.projections.wallet.WalletProjection;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A read model written a batch at a time ends as the same documents as one written event by event, however the
 * history is cut into batches and whichever batches are delivered again.
 */
class ReadModelBatchTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final SessionId SESSION = new SessionId("session-1");
    private static final ModelRef MODEL = new ModelRef("model-1", "provider-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final UpdateStatements updates = new UpdateStatements();
    private MongoServer server;
    private MongoClient client;
    private int databases;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommand().get(event.getCommandName()).isString()) {
                            commands.add(event.getCommandName() + " "
                                    + event.getCommand().getString(event.getCommandName()).getValue());
                        }
                    }
                })
                .addCommandListener(updates)
                .build());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static List<EventMessage<?>> walletHistory() {
        return domainEvents("Wallet", WALLET.value(), List.of(
                new WalletOpenedEvent(WALLET, OWNER, 100, T),
                new TokensCreditedEvent(WALLET, "pay_1", 50, T, "pay_1"),
                new TokensReservedEvent(WALLET, "r1", 120, null, T),
                new ReservationSettledEvent(WALLET, "r1", 120, 110, 110, 100, 10, T),
                new TokensReservedEvent(WALLET, "r2", 30, null, T),
                new ReservationReleasedEvent(WALLET, "r2", 30, "failed", T),
                new TokensReservedEvent(WALLET, "r3", 20, null, T)));
    }

    private static List<EventMessage<?>> chatHistory() {
        return domainEvents("ChatSession", SESSION.value(), List.of(
                new SessionStartedEvent(SESSION, OWNER, "New chat", null, MODEL.modelId(), T, null),
                new UserMessagePostedEvent(SESSION, OWNER, "m1", null, "Hi", T, List.of()),
                new AssistantMessageStartedEvent(SESSION, OWNER, "m2", "m1", MODEL, WALLET, 256, T, null, null, null,
                        List.of()),
                new AssistantMessageCompletedEvent(SESSION, OWNER, "m2", MODEL, "Hello", null,
                        TokenCount.of(3, 5), "stop", 12, 4, new Cost(new BigDecimal("0.25"), new BigDecimal("20.5")),
                        T),
                new UserMessagePostedEvent(SESSION, null, "m3", "m2", "More", T, List.of()),
                new AssistantMessageStartedEvent(SESSION, OWNER, "m4", "m3", MODEL, WALLET, 256, T, null, null, null,
                        List.of()),
                new AssistantMessageFailedEvent(SESSION, OWNER, "m4", MODEL, "Par", null, TokenCount.of(3, 1),
                        "provider_error", "gone", new Cost(new BigDecimal("0.5"), new BigDecimal("41")), T),
                new MessageDeletedEvent(SESSION, "m4", T),
                new SessionRenamedEvent(SESSION, OWNER, "Greetings", T)));
    }

    /** A signup, two answers on two days and an order paid and refunded, each from its own aggregate. */
    private static List<EventMessage<?>> analyticsHistory() {
        List<EventMessage<?>> events = new ArrayList<>(domainEvents("User", OWNER.value(), List.of(
                new UserRegisteredEvent(OWNER, "ada@example.com", "Ada", "hash", Role.USER, T))));
        events.addAll(domainEvents("ChatSession", SESSION.value(), List.of(
                new AssistantMessageCompletedEvent(SESSION, OWNER, "m2", MODEL, "Hello", null, TokenCount.of(3, 5),
                        "stop", 12, 4, Cost.ZERO, T),
                new AssistantMessageFailedEvent(SESSION, OWNER, "m4", MODEL, "Par", null, TokenCount.of(3, 1),
                        "provider_error", "gone", Cost.ZERO, T.plusSeconds(86_400)))));
        events.addAll(domainEvents("Order", "order_1", List.of(
                new OrderCreatedEvent("order_1", OWNER, "plan-starter", 50_000, 9_900, "INR", null, null, T),
                new OrderPaidEvent("order_1", OWNER, "pay_1", 50_000, null, null, "verify", T.plusSeconds(60)),
                new OrderRefundedEvent("order_1", OWNER, "rfnd_1", 4_950, 25_000, T.plusSeconds(86_400)))));
        return events;
    }

    private static List<EventMessage<?>> domainEvents(String aggregateType, String aggregateId,
                                                      List<Object> payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                    payloads.get(sequence)));
        }
        return events;
    }

    /** The handlers of one processing group, in their order, over a database of their own. */
    private final class Group {
        final MongoTemplate mongo = new MongoTemplate(client, "db" + databases++);
        final List<AnnotationEventHandlerAdapter> handlers;

        Group(Function<MongoTemplate, List<Object>> projections) {
            handlers = projections.apply(mongo).stream().map(AnnotationEventHandlerAdapter::new).toList();
        }

        void eventByEvent(List<EventMessage<?>> events) throws Exception {
            for (EventMessage<?> event : events) {
                handle(event);
            }
        }

        void inOneBatch(List<EventMessage<?>> events) {
            if (events.isEmpty()) {
                return;
            }
            ResultMessage<?> result = new BatchingUnitOfWork<>(events).executeWithResult(() -> {
                handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
                return null;
            });
            assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        }

        private void handle(EventMessage<?> event) throws Exception {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                handler.handle(event);
            }
        }

        Map<String, List<Document>> collections() {
            Map<String, List<Document>> collections = new TreeMap<>();
            mongo.getCollectionNames().forEach(name -> collections.put(name,
                    mongo.getCollection(name).find().sort(new Document("_id", 1)).into(new ArrayList<>())));
            return collections;
        }
    }

    private Group wallets() {
        return new Group(mongo -> List.of(new RequestUsageProjection(mongo), new WalletProjection(mongo)));
    }

    private Group analytics() {
        return new Group(mongo -> List.of(new AnalyticsProjection(mongo)));
    }

    private Group chat() {
        return new Group(mongo -> List.of(new ChatSessionProjection(mongo,
                SimpleQueryUpdateEmitter.builder().build())));
    }

    /** Every cut of the history into two batches, with the second starting anywhere up to the first's end. */
    private void assertEveryCutAndRedeliveryEndsAsEventByEvent(Function<ReadModelBatchTest, Group> group,
                                                               List<EventMessage<?>> history) throws Exception {
        Group eventByEvent = group.apply(this);
        eventByEvent.eventByEvent(history);
        Map<String, List<Document>> expected = eventByEvent.collections();
        assertThat(expected).isNotEmpty();
        for (int firstEnd = 0; firstEnd <= history.size(); firstEnd++) {
            for (int secondStart = 0; secondStart <= firstEnd; secondStart++) {
                Group batched = group.apply(this);
                batched.inOneBatch(history.subList(0, firstEnd));
                batched.inOneBatch(history.subList(secondStart, history.size()));
                assertThat(batched.collections()).as("batches [0, %d) and [%d, %d)", firstEnd, secondStart,
                        history.size()).isEqualTo(expected);
            }
        }
    }

    @Test
    void walletsEndTheSameHoweverTheirEventsAreBatched() throws Exception {
        assertEveryCutAndRedeliveryEndsAsEventByEvent(ReadModelBatchTest::wallets, walletHistory());
    }

    @Test
    void sessionsEndTheSameHoweverTheirEventsAreBatched() throws Exception {
        assertEveryCutAndRedeliveryEndsAsEventByEvent(ReadModelBatchTest::chat, chatHistory());

        Group chat = chat();
        chat.inOneBatch(chatHistory());
        ChatSessionDocument session = chat.mongo.findById(SESSION.value(), ChatSessionDocument.class);
        assertThat(session.costUsd()).isEqualByComparingTo("0.75");
        assertThat(session.costInr()).isEqualByComparingTo("61.5");
        assertThat(session.totalTokens()).isEqualTo(12);
        assertThat(session.messageCount()).isEqualTo(3);
        assertThat(session.activeLeafId()).isEqualTo("m3");
        assertThat(session.title()).isEqualTo("Greetings");
    }

    @Test
    void analyticsTalliesEndTheSameHoweverTheirEventsAreBatched() throws Exception {
        assertEveryCutAndRedeliveryEndsAsEventByEvent(ReadModelBatchTest::analytics, analyticsHistory());

        Group analytics = analytics();
        analytics.inOneBatch(analyticsHistory());
        AnalyticsTallyDocument allTime = analytics.mongo.findById("all:total", AnalyticsTallyDocument.class);
        assertThat(allTime).extracting(AnalyticsTallyDocument::signups, AnalyticsTallyDocument::answers,
                AnalyticsTallyDocument::failedAnswers, AnalyticsTallyDocument::tokens,
                AnalyticsTallyDocument::tokensPurchased, AnalyticsTallyDocument::tokensRefunded)
                .containsExactly(1L, 2L, 1L, 12L, 50_000L, 25_000L);
    }

    /**
     * Before its writes, an analytics batch reads which of its facts are stored already, at once for each kind (for a
     * payment, its order); its tallies and active users are written after the facts, so a fact not stored was never
     * counted.
     */
    @Test
    void anAnalyticsBatchReadsItsStoredFactsFirstAndWritesItsTalliesAfterThem() {
        Group analytics = analytics();
        analytics.inOneBatch(analyticsHistory().subList(0, 1));
        commands.clear();

        analytics.inOneBatch(analyticsHistory().subList(1, 5));

        assertThat(commands).containsExactly(
                "find analytics_answers",
                "find analytics_payments",
                "update analytics_answers",
                "update analytics_payments",
                "update analytics_tallies",
                "update analytics_active_users");
    }

    @Test
    void aFollowerOfTheSessionGetsEveryStatusItsMessagesPassedThroughInTheBatch() {
        SimpleQueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
        List<String> received = new CopyOnWriteArrayList<>();
        updates.<MessageView>registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                        new FollowSessionQuery(OWNER, SESSION), ResponseTypes.optionalInstanceOf(SessionSummary.class),
                        ResponseTypes.instanceOf(MessageView.class)), 16)
                .getUpdates().map(SubscriptionQueryUpdateMessage::getPayload)
                .subscribe(message -> received.add(message.id() + " " + message.status()));
        Group chat = new Group(mongo -> List.of(new ChatSessionProjection(mongo, updates)));

        chat.inOneBatch(chatHistory().subList(0, 4));

        assertThat(received).containsExactly("m1 complete", "m2 generating", "m2 complete");
    }

    @Test
    void aBatchWritesEachCollectionOnceAndTheWalletsAfterEverythingTheyVouchFor() {
        Group wallets = wallets();
        commands.clear();

        wallets.inOneBatch(walletHistory());

        assertThat(commands).as("a wallet the batch opens is not read").containsExactly(
                "update wallet_ledger",
                "update wallet_requests",
                "update open_reservations",
                "delete open_reservations",
                "update wallets");
        assertThat(updates.to(RequestUsageDocument.COLLECTION))
                .as("a request opened and closed in the batch is stored closed at once").isEqualTo(3);
        assertThat(wallets.mongo.findById("r1", RequestUsageDocument.class).state())
                .isEqualTo(RequestUsageDocument.SETTLED);
        WalletDocument wallet = wallets.mongo.findById(OWNER.value(), WalletDocument.class);
        assertThat(wallet.balance()).isEqualTo(40);
        assertThat(wallet.reserved()).isEqualTo(20);
        assertThat(wallet.lastSequence()).isEqualTo(6);
    }

    /** As a batch under load holds the turns of many users: it reads their wallets with one query. */
    @Test
    void aBatchReadsTheWalletsOfAllItsEventsAtOnce() {
        Group wallets = wallets();
        List<WalletId> opened = List.of(WalletId.of(new UserId("user-a")), WalletId.of(new UserId("user-b")),
                WalletId.of(new UserId("user-c")));
        wallets.inOneBatch(opened.stream().<EventMessage<?>>map(wallet -> new GenericDomainEventMessage<>("Wallet",
                wallet.value(), 0, new WalletOpenedEvent(wallet, wallet.owner(), 100, T))).toList());
        WalletId newcomer = WalletId.of(new UserId("user-d"));
        List<EventMessage<?>> turns = new ArrayList<>();
        for (int i = 0; i < opened.size(); i++) {
            WalletId wallet = opened.get(i);
            turns.add(new GenericDomainEventMessage<>("Wallet", wallet.value(), 1,
                    new TokensReservedEvent(wallet, "r" + i, 10 * (i + 1), null, T)));
            if (i == 1) {
                turns.add(new GenericDomainEventMessage<>("Wallet", newcomer.value(), 0,
                        new WalletOpenedEvent(newcomer, newcomer.owner(), 50, T)));
            }
        }
        commands.clear();

        wallets.inOneBatch(turns);

        assertThat(commands).filteredOn(command -> command.startsWith("find")).containsExactly("find wallets");
        assertThat(wallets.mongo.findAll(WalletDocument.class)).extracting(WalletDocument::id,
                WalletDocument::reserved, WalletDocument::balance).containsExactlyInAnyOrder(
                tuple("user-a", 10L, 100L), tuple("user-b", 20L, 100L), tuple("user-c", 30L, 100L),
                tuple("user-d", 0L, 50L));
    }

    @Test
    void aBatchReadsTheSessionsOfAllItsEventsAtOnce() {
        Group chat = chat();
        List<SessionId> sessions = List.of(new SessionId("session-a"), new SessionId("session-b"));
        chat.inOneBatch(sessions.stream().<EventMessage<?>>map(session -> new GenericDomainEventMessage<>(
                "ChatSession", session.value(), 0, new SessionStartedEvent(session, OWNER, "New chat", null,
                MODEL.modelId(), T, null))).toList());
        List<EventMessage<?>> answers = new ArrayList<>();
        for (SessionId session : sessions) {
            answers.add(new GenericDomainEventMessage<>("ChatSession", session.value(), 1,
                    new AssistantMessageCompletedEvent(session, OWNER, "m-" + session.value(), MODEL, "Hello", null,
                            TokenCount.of(3, 5), "stop", 12, 4,
                            new Cost(new BigDecimal("0.25"), new BigDecimal("20.5")), T)));
        }
        commands.clear();

        chat.inOneBatch(answers);

        assertThat(commands).filteredOn(command -> command.startsWith("find")).containsExactly("find chat_sessions");
        assertThat(chat.mongo.findAll(ChatSessionDocument.class)).extracting(ChatSessionDocument::totalTokens)
                .containsExactly(8L, 8L);
    }

    @Test
    void aBatchThatFailsWritesNothing() {
        Group wallets = wallets();
        List<EventMessage<?>> history = walletHistory();

        ResultMessage<?> result = new BatchingUnitOfWork<>(history).executeWithResult(() -> {
            wallets.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
            if (CurrentUnitOfWork.get().getMessage() == history.get(history.size() - 1)) {
                throw new IllegalStateException("the last handler failed");
            }
            return null;
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(wallets.collections()).allSatisfy((name, documents) -> assertThat(documents).isEmpty());
    }
}
