package com.aipasta.projections.chat;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.ToolMessagePostedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.projections.UpdateStatements;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
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
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chat read model stores of sessions and messages, batch by batch, what it sends to the subscriptions
 * following a session, and the users' usage tallies it keeps.
 */
class ChatSessionProjectionTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final SessionId SESSION = new SessionId("session-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelRef LLAMA = new ModelRef("local/llama3.2", "local");
    private static final ModelRef CLAUDE = new ModelRef("openrouter/anthropic/claude-sonnet-4", "openrouter");
    private static final Cost PRICED = new Cost(new BigDecimal("0.0001234567"), new BigDecimal("0.01030864"));

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private SimpleQueryUpdateEmitter updates;
    private ChatSessionProjection projection;

    private final UpdateStatements writes = new UpdateStatements();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(writes).build());
        mongo = new MongoTemplate(client, "projection-test");
        updates = SimpleQueryUpdateEmitter.builder().build();
        projection = new ChatSessionProjection(mongo, updates);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private List<MessageView> follow(UserId owner, SessionId session) {
        List<MessageView> received = new CopyOnWriteArrayList<>();
        updates.<MessageView>registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                        new FollowSessionQuery(owner, session), ResponseTypes.optionalInstanceOf(SessionSummary.class),
                        ResponseTypes.instanceOf(MessageView.class)), 16)
                .getUpdates().map(SubscriptionQueryUpdateMessage::getPayload).subscribe(received::add);
        return received;
    }

    private static ToolMessagePostedEvent toolMessage(String messageId) {
        return new ToolMessagePostedEvent(SESSION, OWNER, messageId, null, "echo", "builtin",
                "{\"tool\":\"echo\",\"provider\":\"builtin\",\"parameters\":{\"message\":\"hi\"},"
                        + "\"result\":{\"message\":\"hi\"}}", T);
    }

    @Test
    void sendsARecordedMessageAsStoredToTheOwnersSubscriptionsOfItsSessionOnly() {
        List<MessageView> followed = follow(OWNER, SESSION);
        List<MessageView> otherSession = follow(OWNER, new SessionId("session-2"));
        List<MessageView> otherUser = follow(new UserId("user-2"), SESSION);

        projection.on(toolMessage("msg-1"), 0, ReplayStatus.REGULAR);

        assertThat(followed).singleElement().satisfies(message -> {
            assertThat(message).isEqualTo(mongo.findById("msg-1", ChatMessageDocument.class).view());
            assertThat(message.role()).isEqualTo("tool");
            assertThat(message.sessionId()).isEqualTo(SESSION.value());
        });
        assertThat(otherSession).isEmpty();
        assertThat(otherUser).isEmpty();
    }

    @Test
    void sendsNothingDuringAReplay() {
        List<MessageView> followed = follow(OWNER, SESSION);

        projection.on(toolMessage("msg-1"), 0, ReplayStatus.REPLAY);

        assertThat(mongo.findById("msg-1", ChatMessageDocument.class)).isNotNull();
        assertThat(followed).isEmpty();
    }

    /** Two turns of one session, a day apart: one answered, one failed with nothing written. */
    private static List<Object> history(SessionId session) {
        return List.of(
                new SessionStartedEvent(session, OWNER, "Chat", null, LLAMA.modelId(), T),
                new UserMessagePostedEvent(session, OWNER, "u1-" + session.value(), null, "Hi", T),
                answerStarted(session, "a1-" + session.value(), "u1-" + session.value(), LLAMA, T),
                new AssistantMessageCompletedEvent(session, OWNER, "a1-" + session.value(), LLAMA, "Hello", null,
                        TokenCount.of(20, 12), "stop", 850, 120, PRICED, T.plusSeconds(1)),
                new UserMessagePostedEvent(session, OWNER, "u2-" + session.value(), "a1-" + session.value(),
                        "Again", T.plus(1, ChronoUnit.DAYS)),
                answerStarted(session, "a2-" + session.value(), "u2-" + session.value(), CLAUDE,
                        T.plus(1, ChronoUnit.DAYS)),
                new AssistantMessageFailedEvent(session, OWNER, "a2-" + session.value(), CLAUDE, "", null,
                        TokenCount.of(20, 1), "PROVIDER_CONNECTION", "cut", Cost.ZERO,
                        T.plus(1, ChronoUnit.DAYS).plusSeconds(3)));
    }

    private static AssistantMessageStartedEvent answerStarted(SessionId session, String messageId, String parentId,
                                                              ModelRef model, Instant at) {
        return new AssistantMessageStartedEvent(session, OWNER, messageId, parentId, model, WalletId.of(OWNER), 500,
                at, PromptCategory.GENERAL, 12L);
    }

    /** Each event handled alone, as a handler called outside a batch writes: at once. */
    private void oneByOne(SessionId session, List<Object> events) {
        for (int sequence = 0; sequence < events.size(); sequence++) {
            handle(events.get(sequence), sequence);
        }
    }

    /** The events of one session handled as one batch of the processor, written when it commits. */
    private void inOneBatch(SessionId session, List<Object> events) {
        inOneBatch(messages(session, events));
    }

    private void inOneBatch(List<EventMessage<?>> messages) {
        new BatchingUnitOfWork<>(messages).execute(() -> {
            DomainEventMessage<?> message = (DomainEventMessage<?>) CurrentUnitOfWork.get().getMessage();
            handle(message.getPayload(), message.getSequenceNumber());
        });
    }

    /** The session's events as the event store gives them, numbered from its start. */
    private static List<EventMessage<?>> messages(SessionId session, List<Object> events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("ChatSession", session.value(), sequence,
                    events.get(sequence)));
        }
        return messages;
    }

    private void handle(Object event, long sequence) {
        if (event instanceof SessionStartedEvent started) {
            projection.on(started, sequence);
        } else if (event instanceof UserMessagePostedEvent posted) {
            projection.on(posted, sequence, ReplayStatus.REGULAR);
        } else if (event instanceof AssistantMessageStartedEvent started) {
            projection.on(started, sequence, ReplayStatus.REGULAR);
        } else if (event instanceof AssistantMessageCompletedEvent completed) {
            projection.on(completed, sequence, ReplayStatus.REGULAR);
        } else {
            projection.on((AssistantMessageFailedEvent) event, sequence, ReplayStatus.REGULAR);
        }
    }

    /** The sessions and messages as readers read them. */
    private List<Record> sessionsAndMessages() {
        List<Record> stored = new ArrayList<>(mongo.find(new Query().with(Sort.by("_id")), ChatSessionDocument.class));
        stored.addAll(mongo.find(new Query().with(Sort.by("_id")), ChatMessageDocument.class));
        return stored;
    }

    @Test
    void aBatchFoldsToWhatTheEventsHandledOneByOneStoreAndAgainChangesNothing() {
        oneByOne(SESSION, history(SESSION));
        List<Record> oneByOne = sessionsAndMessages();
        projection.reset();

        inOneBatch(SESSION, history(SESSION).subList(0, 3));
        inOneBatch(SESSION, history(SESSION));
        assertThat(sessionsAndMessages()).as("a batch handled again, with more events than at first")
                .isEqualTo(oneByOne);
        inOneBatch(SESSION, history(SESSION));
        assertThat(sessionsAndMessages()).isEqualTo(oneByOne);
        ChatSessionDocument session = mongo.findById(SESSION.value(), ChatSessionDocument.class);
        assertThat(session.messageCount()).isEqualTo(4);
        assertThat(session.totalTokens()).isEqualTo(53);
        assertThat(session.costUsd()).isEqualByComparingTo("0.0001234567");
        assertThat(session.models()).containsExactly(LLAMA.modelId(), CLAUDE.modelId());
        assertThat(session.activeLeafId()).isEqualTo("a2-" + SESSION.value());
        assertThat(session.lastSequence()).isEqualTo(6);
    }

    @Test
    void aBatchWritesEachSessionAndEachMessageOnce() {
        SessionId other = new SessionId("session-2");
        List<EventMessage<?>> messages = new ArrayList<>(messages(SESSION, history(SESSION)));
        messages.addAll(messages(other, history(other)));
        inOneBatch(messages);

        assertThat(writes.to(ChatSessionDocument.COLLECTION)).isEqualTo(2);
        assertThat(writes.to(ChatMessageDocument.COLLECTION)).isEqualTo(8);
        assertThat(mongo.findById("a1-" + other.value(), ChatMessageDocument.class).status()).isEqualTo("complete");
        assertThat(mongo.findById("a2-" + other.value(), ChatMessageDocument.class).errorCode())
                .isEqualTo("PROVIDER_CONNECTION");
    }

    @Test
    void anAnswerStartedInAnEarlierBatchEndsInTheStoredMessage() {
        List<EventMessage<?>> events = messages(SESSION, history(SESSION));
        inOneBatch(events.subList(0, 3));
        inOneBatch(events.subList(3, 4));

        ChatMessageDocument answer = mongo.findById("a1-" + SESSION.value(), ChatMessageDocument.class);
        assertThat(answer.status()).isEqualTo("complete");
        assertThat(answer.content()).isEqualTo("Hello");
        assertThat(answer.modelId()).isEqualTo(LLAMA.modelId());
        assertThat(answer.latencyMs()).isEqualTo(850);
        assertThat(mongo.findById(SESSION.value(), ChatSessionDocument.class).totalTokens()).isEqualTo(32);
    }

    @Test
    void deletingTheActiveMessageMovesTheBranchBackAndOneTheReadModelLacksFailsNothing() {
        oneByOne(SESSION, history(SESSION).subList(0, 5));

        projection.on(new MessageDeletedEvent(SESSION, "u2-" + SESSION.value(), T), 5);
        ChatSessionDocument session = mongo.findById(SESSION.value(), ChatSessionDocument.class);
        assertThat(session.activeLeafId()).isEqualTo("a1-" + SESSION.value());
        assertThat(session.messageCount()).isEqualTo(2);
        assertThat(mongo.findById("u2-" + SESSION.value(), ChatMessageDocument.class).deleted()).isTrue();

        projection.on(new MessageDeletedEvent(SESSION, "never-stored", T), 6);
        session = mongo.findById(SESSION.value(), ChatSessionDocument.class);
        assertThat(session.activeLeafId()).isEqualTo("a1-" + SESSION.value());
        assertThat(session.lastSequence()).isEqualTo(6);
    }

    /** The stored tallies as the database holds them, field types included. */
    private List<Document> tallies() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, UsageTallyDocument.COLLECTION);
    }

    private UsageTallyDocument tally(String kind, String key) {
        return mongo.findById(UsageTallyDocument.id(kind, OWNER.value(), key), UsageTallyDocument.class);
    }

    @Test
    void talliesCountWhatAUserSentAndWasAnsweredInAllByDayAndByModel() {
        oneByOne(SESSION, history(SESSION));

        UsageTallyDocument total = tally(UsageTallyDocument.TOTAL, null);
        assertThat(List.of(total.messages(), total.answers(), total.failedAnswers(), total.tokens()))
                .containsExactly(2L, 2L, 1L, 53L);
        assertThat(total.usd()).isEqualByComparingTo("0.0001234567");
        assertThat(total.inr()).isEqualByComparingTo("0.01030864");
        UsageTallyDocument first = tally(UsageTallyDocument.DAY, "2026-01-01");
        assertThat(List.of(first.messages(), first.answers(), first.tokens())).containsExactly(1L, 1L, 32L);
        UsageTallyDocument second = tally(UsageTallyDocument.DAY, "2026-01-02");
        assertThat(List.of(second.messages(), second.answers(), second.tokens())).containsExactly(1L, 1L, 21L);
        assertThat(second.usd()).isEqualByComparingTo("0");
        UsageTallyDocument llama = tally(UsageTallyDocument.MODEL, LLAMA.modelId());
        assertThat(List.of(llama.answers(), llama.failedAnswers(), llama.tokens())).containsExactly(1L, 0L, 32L);
        UsageTallyDocument claude = tally(UsageTallyDocument.MODEL, CLAUDE.modelId());
        assertThat(List.of(claude.answers(), claude.failedAnswers(), claude.tokens())).containsExactly(1L, 1L, 21L);
        assertThat(tallies()).hasSize(5);

        List<Document> added = tallies();
        UsageTallies.countAgain(mongo, OWNER.value());
        assertThat(tallies()).as("counted from the messages").isEqualTo(added);
    }

    @Test
    void eventsHandledAgainMoveNoTally() {
        oneByOne(SESSION, history(SESSION));
        List<Document> counted = tallies();

        oneByOne(SESSION, history(SESSION));
        inOneBatch(SESSION, history(SESSION));

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void aSessionStartedAndAnsweredInOneBatchHandledAgainCountsOnce() {
        inOneBatch(SESSION, history(SESSION));
        List<Document> counted = tallies();
        assertThat(tally(UsageTallyDocument.TOTAL, null).answers()).isEqualTo(2);

        inOneBatch(SESSION, history(SESSION));

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void aBatchCutShortAfterItsSessionsWereWrittenIsCountedAgainFromTheMessages() {
        inOneBatch(SESSION, history(SESSION));
        List<Document> counted = tallies();
        mongo.remove(Query.query(Criteria.where("kind").is(UsageTallyDocument.MODEL)), UsageTallyDocument.class);
        mongo.updateFirst(Query.query(Criteria.where("kind").is(UsageTallyDocument.TOTAL)),
                new Update().inc("answers", 5L), UsageTallyDocument.class);

        inOneBatch(SESSION, history(SESSION));

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void aResetAndAReplayRebuildTheSameTallies() {
        oneByOne(SESSION, history(SESSION));
        List<Document> counted = tallies();

        projection.reset();
        assertThat(tallies()).isEmpty();
        inOneBatch(SESSION, history(SESSION));

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void messagesStoredBeforeTalliesWereKeptAreCountedOnce() {
        oneByOne(SESSION, history(SESSION));
        List<Document> counted = tallies();
        mongo.remove(new Query(), UsageTallyDocument.class);

        ChatSessionProjection restarted = new ChatSessionProjection(mongo, updates);
        restarted.countTalliesIfMissing();
        restarted.countTalliesIfMissing();

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void aDeletedAccountsTalliesGoWithIt() {
        oneByOne(SESSION, history(SESSION));
        oneByOne(new SessionId("other-session"), List.of(
                new SessionStartedEvent(new SessionId("other-session"), new UserId("user-2"), "Chat", null,
                        LLAMA.modelId(), T),
                new UserMessagePostedEvent(new SessionId("other-session"), new UserId("user-2"), "o1", null, "Hi",
                        T)));

        projection.on(new UserDeletedEvent(OWNER, OWNER, T.plusSeconds(60)));

        assertThat(tallies()).extracting(tally -> tally.getString("ownerId")).containsOnly("user-2");
    }
}
