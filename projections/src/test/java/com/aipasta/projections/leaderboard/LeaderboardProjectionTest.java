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
import com.aipasta.chat.api.value.Vote;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;

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

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
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

        history();
        projection.on(rated("a1", LLAMA, Vote.UP, null), 4);
        projection.on(started("a1", LLAMA, PromptCategory.WRITING, T), 2);
        projection.on(new AssistantMessageFailedEvent(SESSION, OWNER, "a1", LLAMA, "", null, TokenCount.NONE,
                "TIMEOUT", "late", Cost.ZERO, T.plusSeconds(9)), 3);

        assertThat(answers()).isEqualTo(once);
    }

    @Test
    void aReplayAfterAResetRebuildsTheSameDocuments() {
        history();
        List<LeaderboardAnswerDocument> once = answers();

        projection.reset();
        assertThat(mongo.count(new Query(), LeaderboardAnswerDocument.class)).isZero();
        history();

        assertThat(answers()).isEqualTo(once);
    }

    private LeaderboardAnswerDocument answer(String messageId) {
        return mongo.findById(messageId, LeaderboardAnswerDocument.class);
    }

    private List<LeaderboardAnswerDocument> answers() {
        return mongo.find(new Query().with(Sort.by("_id")), LeaderboardAnswerDocument.class);
    }
}
