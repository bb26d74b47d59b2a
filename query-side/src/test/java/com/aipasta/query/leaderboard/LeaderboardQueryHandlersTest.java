package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.leaderboard.api.query.CategoryStats;
import com.aipasta.leaderboard.api.query.FindLeaderboardAnswerQuery;
import com.aipasta.leaderboard.api.query.FindLeaderboardQuery;
import com.aipasta.leaderboard.api.query.FindLeaderboardStatsQuery;
import com.aipasta.leaderboard.api.query.FindModelPopularityQuery;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.LeaderboardStats;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;
import com.aipasta.projections.leaderboard.AnswerOutcome;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;
import com.aipasta.projections.leaderboard.LeaderboardProjection;
import com.aipasta.projections.leaderboard.LeaderboardTallyDocument;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardQueryHandlersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private LeaderboardQueryHandlers handlers;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "query-test");
        handlers = new LeaderboardQueryHandlers(mongo, Clock.fixed(NOW, ZoneOffset.UTC));
        save("h1", "local/a", PromptCategory.CODING, AnswerOutcome.COMPLETED, Duration.ofHours(1), Vote.UP);
        save("h2", "local/b", PromptCategory.CODING, AnswerOutcome.FAILED, Duration.ofHours(2), Vote.DOWN);
        save("d3", "local/a", PromptCategory.MATH, AnswerOutcome.COMPLETED, Duration.ofDays(3), null);
        save("d20", "local/c", PromptCategory.WRITING, AnswerOutcome.COMPLETED, Duration.ofDays(20), null);
        save("d90", "local/c", PromptCategory.WRITING, AnswerOutcome.FAILED, Duration.ofDays(90), null);
        save("live", "local/d", PromptCategory.CODING, AnswerOutcome.GENERATING, null, null);
        new LeaderboardProjection(mongo).countTalliesIfMissing();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private void save(String id, String modelId, PromptCategory category, AnswerOutcome outcome, Duration ago,
                      Vote vote) {
        boolean completed = outcome == AnswerOutcome.COMPLETED;
        mongo.save(new LeaderboardAnswerDocument(id, "session-1", modelId, "local", category, outcome,
                ago == null ? NOW : NOW.minus(ago).minusSeconds(5), ago == null ? null : NOW.minus(ago),
                completed ? 400L : null, completed ? 40L : null, ago == null ? null : 30L, vote, 1));
    }

    private List<String> ranked(PromptCategory category, LeaderboardPeriod period) {
        return handlers.handle(new FindLeaderboardQuery(category, period)).models().stream()
                .map(LeaderboardEntry::modelId).toList();
    }

    @Test
    void aPeriodCountsTheAnswersThatEndedInItAndNoneStillGenerating() {
        assertThat(ranked(null, LeaderboardPeriod.DAY)).containsExactly("local/a", "local/b");
        assertThat(ranked(null, LeaderboardPeriod.WEEK)).containsExactly("local/a", "local/b");
        assertThat(ranked(null, LeaderboardPeriod.MONTH)).containsExactly("local/a", "local/c", "local/b");
        assertThat(ranked(null, LeaderboardPeriod.ALL)).containsExactly("local/a", "local/c", "local/b");
        assertThat(handlers.handle(new FindLeaderboardQuery(null, LeaderboardPeriod.WEEK)).models().get(0).uses())
                .isEqualTo(2);
        assertThat(handlers.handle(new FindLeaderboardQuery(null, LeaderboardPeriod.ALL)).models().get(1).uses())
                .isEqualTo(2);
    }

    @Test
    void aLeaderboardIsAddedUpFromTalliesWithoutReadingAnswers() {
        mongo.dropCollection(LeaderboardAnswerDocument.class);

        assertThat(ranked(null, LeaderboardPeriod.MONTH)).containsExactly("local/a", "local/c", "local/b");
        assertThat(handlers.handle(new FindLeaderboardStatsQuery(LeaderboardPeriod.ALL)).answers()).isEqualTo(5);
    }

    @Test
    void periodsCountWholeUtcHoursAndDays() {
        save("d7", "local/e", PromptCategory.CODING, AnswerOutcome.COMPLETED, Duration.ofDays(7).plusHours(11),
                null);
        save("h24", "local/f", PromptCategory.CODING, AnswerOutcome.COMPLETED, Duration.ofHours(24), null);
        save("h25", "local/g", PromptCategory.CODING, AnswerOutcome.COMPLETED, Duration.ofHours(25), null);
        mongo.dropCollection(LeaderboardTallyDocument.class);
        new LeaderboardProjection(mongo).countTalliesIfMissing();

        assertThat(ranked(null, LeaderboardPeriod.DAY)).contains("local/f").doesNotContain("local/g");
        assertThat(ranked(null, LeaderboardPeriod.WEEK)).contains("local/e");
        assertThat(handlers.handle(new FindModelPopularityQuery(NOW.minus(Duration.ofDays(2)))).turnsByModel())
                .containsOnlyKeys("local/a", "local/b", "local/f", "local/g");
    }

    @Test
    void aCategoryRanksOnlyItsOwnAnswers() {
        assertThat(ranked(PromptCategory.CODING, LeaderboardPeriod.ALL)).containsExactly("local/a", "local/b");
        assertThat(ranked(PromptCategory.MATH, LeaderboardPeriod.DAY)).isEmpty();
        assertThat(ranked(PromptCategory.MATH, LeaderboardPeriod.WEEK)).containsExactly("local/a");
        assertThat(ranked(PromptCategory.RESEARCH, LeaderboardPeriod.ALL)).isEmpty();
    }

    @Test
    void statsTotalTheAnswersOfThePeriodOverallAndPerCategory() {
        LeaderboardStats stats = handlers.handle(new FindLeaderboardStatsQuery(LeaderboardPeriod.MONTH));

        assertThat(stats.answers()).isEqualTo(4);
        assertThat(stats.completed()).isEqualTo(3);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.successRate()).isEqualTo(0.75);
        assertThat(stats.totalTokens()).isEqualTo(120);
        assertThat(stats.votes()).isEqualTo(new VoteCount(1, 1));
        assertThat(stats.models()).isEqualTo(3);
        assertThat(stats.topModel().modelId()).isEqualTo("local/a");
        assertThat(stats.mostUsedModel().modelId()).isEqualTo("local/a");
        assertThat(stats.lastAnswerAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(stats.categories()).extracting(CategoryStats::category)
                .containsExactly(PromptCategory.values());
        CategoryStats coding = stats.categories().get(0);
        assertThat(coding.answers()).isEqualTo(2);
        assertThat(coding.failed()).isEqualTo(1);
        assertThat(coding.models()).isEqualTo(2);
        assertThat(coding.topModel().modelId()).isEqualTo("local/a");
        CategoryStats research = stats.categories().get(2);
        assertThat(research.answers()).isZero();
        assertThat(research.topModel()).isNull();
    }

    @Test
    void statsOfAnEmptyPeriodHaveNoRates() {
        mongo.dropCollection(LeaderboardTallyDocument.class);

        LeaderboardStats stats = handlers.handle(new FindLeaderboardStatsQuery(LeaderboardPeriod.DAY));

        assertThat(stats.answers()).isZero();
        assertThat(stats.successRate()).isNull();
        assertThat(stats.topModel()).isNull();
        assertThat(stats.mostUsedModel()).isNull();
        assertThat(stats.lastAnswerAt()).isNull();
    }

    @Test
    void findsOneAnswerWithItsVote() {
        assertThat(handlers.handle(new FindLeaderboardAnswerQuery("h2"))).hasValueSatisfying(answer -> {
            assertThat(answer.ended()).isTrue();
            assertThat(answer.vote()).isEqualTo(Vote.DOWN);
        });
        assertThat(handlers.handle(new FindLeaderboardAnswerQuery("live"))).hasValueSatisfying(answer ->
                assertThat(answer.ended()).isFalse());
        assertThat(handlers.handle(new FindLeaderboardAnswerQuery("nope"))).isEmpty();
    }
}
