package com.aipasta.projections.leaderboard;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.projections.UpdateStatements;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardProjectionTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final ModelRef LLAMA = new ModelRef("local/llama3.2", "local");
    private static final ModelRef CLAUDE = new ModelRef("openrouter/anthropic/claude-sonnet-4", "openrouter");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private LeaderboardProjection projection;

    private final UpdateStatements updates = new UpdateStatements();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(updates).build());
        mongo = new MongoTemplate(client, "projection-test");
        projection = new LeaderboardProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static AssistantMessageStartedEvent started(String messageId, ModelRef model, PromptCategory category,
                                                        Instant at) {
        return new AssistantMessageStartedEvent(SESSION, OWNER, messageId, "u-" + messageId, model, WALLET, 500, at,
                category, 12L);
    }

    private static MessageRatedEvent rated(String messageId, ModelRef model, Vote vote, Vote previous) {
        return new MessageRatedEvent(SESSION, OWNER, messageId, model, PromptCategory.CODING, vote, previous,
                T.plusSeconds(60));
    }

    /** One session's events, in the order and with the sequence numbers the event store gives them. */
    private void history() {
        projection.on(started("a1", LLAMA, PromptCategory.CODING, T), 2);
        projection.on(new AssistantMessageCompletedEvent(SESSION, OWNER, "a1", LLAMA, "Hello", null,
                TokenCount.of(20, 12), "stop", 850, 120, Cost.ZERO, T.plusSeconds(1)), 3);
        projection.on(rated("a1", LLAMA, Vote.UP, null), 4);
        projection.on(rated("a1", LLAMA, Vote.DOWN, Vote.UP), 5);
        projection.on(started("a2", CLAUDE, PromptCategory.CODING, T.plusSeconds(2)), 7);
        projection.on(new AssistantMessageFailedEvent(SESSION, OWNER, "a2", CLAUDE, "Hel", null,
                TokenCount.of(20, 1), "PROVIDER_CONNECTION", "cut", Cost.ZERO, T.plusSeconds(3)), 8);
        projection.on(started("a3", LLAMA, null, T.plusSeconds(4)), 10);
    }

    private static AssistantMessageCompletedEvent completed(String messageId, ModelRef model, Instant at) {
        return new AssistantMessageCompletedEvent(SESSION, OWNER, messageId, model, "Hi", null, TokenCount.of(10, 5),
                "stop", 400, 40, Cost.ZERO, at);
    }

    @Test
    void eachEndedAnswerCountsOnceInItsHourItsDayAndAllTime() {
        history();

        for (TallySpan span : TallySpan.values()) {
            assertThat(tally(span, T, LLAMA).categories()).containsOnlyKeys("CODING");
            assertThat(tally(span, T, LLAMA).categories().get("CODING"))
                    .isEqualTo(new CategoryTally(1, 0, 850, 1, 120, 1, 32, 1, 0, 1, 0, 0));
            assertThat(tally(span, T, CLAUDE).categories().get("CODING"))
                    .isEqualTo(new CategoryTally(0, 1, 0, 0, 0, 0, 21, 1, 0, 0, 0, 0));
            assertThat(tally(span, T, LLAMA).lastEndedAt()).isEqualTo(T.plusSeconds(1));
        }
        assertThat(tally(TallySpan.HOUR, T, LLAMA).bucket()).isEqualTo(T);
        assertThat(mongo.count(new Query(), LeaderboardTallyDocument.class)).isEqualTo(6);
    }

    @Test
    void aVoteInAComparisonCountsForBothModelsOnceBothAnswersEnded() {
        projection.on(new AssistantMessageStartedEvent(SESSION, OWNER, "c-llama", "u-1", LLAMA, WALLET, 500, T,
                PromptCategory.MATH, 12L, "u-1", List.of()), 2);
        projection.on(new AssistantMessageStartedEvent(SESSION, OWNER, "c-claude", "u-1", CLAUDE, WALLET, 500, T,
                PromptCategory.MATH, 12L, "u-1", List.of()), 3);
        projection.on(completed("c-llama", LLAMA, T.plusSeconds(1)), 4);
        projection.on(new MessageRatedEvent(SESSION, OWNER, "c-llama", LLAMA, PromptCategory.MATH, Vote.UP, null,
                T.plusSeconds(2)), 5);
        assertThat(tally(TallySpan.ALL, T, LLAMA).categories().get("MATH").wins()).isZero();

        projection.on(completed("c-claude", CLAUDE, T.plus(Duration.ofHours(3))), 6);
        assertThat(tally(TallySpan.HOUR, T, LLAMA).categories().get("MATH").wins()).isEqualTo(1);
        assertThat(tally(TallySpan.HOUR, T, CLAUDE).categories().get("MATH").losses()).isEqualTo(1);

        projection.on(new MessageRatedEvent(SESSION, OWNER, "c-llama", LLAMA, PromptCategory.MATH, Vote.DOWN,
                Vote.UP, T.plusSeconds(9)), 7);
        for (TallySpan span : TallySpan.values()) {
            CategoryTally llama = tally(span, T, LLAMA).categories().get("MATH");
            CategoryTally claude = tally(span, T, CLAUDE).categories().get("MATH");
            assertThat(List.of(llama.wins(), llama.losses(), llama.up(), llama.down())).containsExactly(0L, 1L, 0L, 1L);
            assertThat(List.of(claude.wins(), claude.losses())).containsExactly(1L, 0L);
        }
        assertThat(tally(TallySpan.HOUR, T.plus(Duration.ofHours(3)), CLAUDE).categories().get("MATH").completed())
                .isEqualTo(1);
    }

    @Test
    void aBatchCutShortAfterItsTalliesMovedIsCountedAgainFromTheAnswers() {
        history();
        projection.on(rated("a1", LLAMA, Vote.UP, Vote.DOWN), 6);
        List<Document> voted = tallies();
        mongo.updateFirst(Query.query(Criteria.where("_id").is("a1")), new Update().set("vote", Vote.DOWN)
                .set("lastSequence", 5), LeaderboardAnswerDocument.class);
        for (TallySpan span : TallySpan.values()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(span.name() + ":"
                            + span.bucket(T).getEpochSecond() + ":" + LLAMA.modelId())),
                    new Update().inc("categories.CODING.completed", 5L), LeaderboardTallyDocument.class);
        }

        projection.on(rated("a1", LLAMA, Vote.UP, Vote.DOWN), 6);

        assertThat(tallies()).isEqualTo(voted);
        assertThat(answer("a1").vote()).isEqualTo(Vote.UP);
    }

    @Test
    void anAnswerStartedAndEndedInOneBatchIsMarkedSoThatTheBatchHandledAgainCountsItOnce() {
        Map<Object, Long> events = new LinkedHashMap<>();
        events.put(started("b1", LLAMA, PromptCategory.WRITING, T), 2L);
        events.put(completed("b1", LLAMA, T.plusSeconds(1)), 3L);

        inOneBatch(events);
        assertThat(updates.to(LeaderboardAnswerDocument.COLLECTION)).as("stored marked, then ended").isEqualTo(2);
        List<Document> counted = tallies();
        inOneBatch(events);

        assertThat(mongo.findById("b1", Document.class, LeaderboardAnswerDocument.COLLECTION).get("tallySequence"))
                .isEqualTo(3L);
        assertThat(tallies()).isEqualTo(counted);
        assertThat(tally(TallySpan.ALL, T, LLAMA).categories().get("WRITING").completed()).isEqualTo(1);
    }

    /** The events handled as one batch of the processor, written when it commits. */
    private void inOneBatch(Map<Object, Long> sequences) {
        new BatchingUnitOfWork<>(sequences.keySet().stream().<EventMessage<?>>map(GenericEventMessage::asEventMessage)
                .toList()).execute(() -> {
                    Object event = CurrentUnitOfWork.get().getMessage().getPayload();
                    long sequence = sequences.get(event);
                    if (event instanceof AssistantMessageStartedEvent answerStarted) {
                        projection.on(answerStarted, sequence);
                    } else {
                        projection.on((AssistantMessageCompletedEvent) event, sequence);
                    }
                });
    }

    @Test
    void answersStoredBeforeTalliesWereKeptAreCountedOnce() {
        history();
        List<Document> counted = tallies();
        mongo.remove(new Query(), LeaderboardTallyDocument.class);

        LeaderboardProjection restarted = new LeaderboardProjection(mongo);
        restarted.countTalliesIfMissing();
        restarted.countTalliesIfMissing();

        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void keepsOneDocumentPerAnswerWithItsOutcomeMeasuresAndLatestVote() {
        history();

        LeaderboardAnswerDocument completed = answer("a1");
        assertThat(completed.modelId()).isEqualTo(LLAMA.modelId());
        assertThat(completed.provider()).isEqualTo("local");
        assertThat(completed.category()).isEqualTo(PromptCategory.CODING);
        assertThat(completed.outcome()).isEqualTo(AnswerOutcome.COMPLETED);
        assertThat(completed.endedAt()).isEqualTo(T.plusSeconds(1));
        assertThat(completed.latencyMs()).isEqualTo(850);
        assertThat(completed.timeToFirstTokenMs()).isEqualTo(120);
        assertThat(completed.totalTokens()).isEqualTo(32);
        assertThat(completed.vote()).isEqualTo(Vote.DOWN);

        LeaderboardAnswerDocument failed = answer("a2");
        assertThat(failed.outcome()).isEqualTo(AnswerOutcome.FAILED);
        assertThat(failed.endedAt()).isEqualTo(T.plusSeconds(3));
        assertThat(failed.totalTokens()).isEqualTo(21);
        assertThat(failed.latencyMs()).isNull();
        assertThat(failed.timeToFirstTokenMs()).isNull();
        assertThat(failed.vote()).isNull();
        assertThat(failed.ended()).isTrue();
    }

    @Test
    void anAnswerStillGeneratingIsNotEndedAndOneFromBeforeCategoriesIsGeneral() {
        history();

        LeaderboardAnswerDocument generating = answer("a3");
        assertThat(generating.ended()).isFalse();
        assertThat(generating.endedAt()).isNull();
        assertThat(generating.category()).isEqualTo(PromptCategory.GENERAL);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        List<LeaderboardAnswerDocument> once = answers();
        List<Document> counted = tallies();

        history();
        projection.on(rated("a1", LLAMA, Vote.UP, null), 4);
        projection.on(started("a1", LLAMA, PromptCategory.WRITING, T), 2);
        projection.on(new AssistantMessageFailedEvent(SESSION, OWNER, "a1", LLAMA, "", null, TokenCount.NONE,
                "TIMEOUT", "late", Cost.ZERO, T.plusSeconds(9)), 3);

        assertThat(answers()).isEqualTo(once);
        assertThat(tallies()).isEqualTo(counted);
    }

    @Test
    void aReplayAfterAResetRebuildsTheSameDocuments() {
        history();
        List<LeaderboardAnswerDocument> once = answers();
        List<Document> counted = tallies();

        projection.reset();
        assertThat(mongo.count(new Query(), LeaderboardAnswerDocument.class)).isZero();
        assertThat(mongo.count(new Query(), LeaderboardTallyDocument.class)).isZero();
        history();

        assertThat(answers()).isEqualTo(once);
        assertThat(tallies()).isEqualTo(counted);
    }

    private LeaderboardAnswerDocument answer(String messageId) {
        return mongo.findById(messageId, LeaderboardAnswerDocument.class);
    }

    private LeaderboardTallyDocument tally(TallySpan span, Instant at, ModelRef model) {
        return mongo.findById(span.name() + ":" + span.bucket(at).getEpochSecond() + ":" + model.modelId(),
                LeaderboardTallyDocument.class);
    }

    /** The stored tallies as the database holds them, field types included. */
    private List<Document> tallies() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, LeaderboardTallyDocument.COLLECTION);
    }

    private List<LeaderboardAnswerDocument> answers() {
        return mongo.find(new Query().with(Sort.by("_id")), LeaderboardAnswerDocument.class);
    }
}
