package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.PreferenceCount;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.projections.leaderboard.AnswerOutcome;
import com.aipasta.projections.leaderboard.CategoryTally;
import com.aipasta.projections.leaderboard.CountedAnswer;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeaderboardRankingTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static int answers;

    /** Ranks the answers as their tallies would: each counted for its model, with its comparison's preferences. */
    private static List<LeaderboardEntry> rank(List<LeaderboardAnswerDocument> answers) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, String> providers = new HashMap<>();
        CountedAnswer.Tallies tallies = new CountedAnswer.Tallies() {
            @Override
            public void add(Instant at, String modelId, String provider, PromptCategory category, int counter,
                            long amount) {
                providers.put(modelId, provider);
                counts.computeIfAbsent(modelId, unused -> new long[CategoryTally.FIELDS.size()])[counter] += amount;
            }

            @Override
            public void ended(Instant at, String modelId, String provider) {
            }
        };
        List<CountedAnswer> counted = answers.stream().map(CountedAnswer::of).toList();
        CountedAnswer.countAll(counted, counted.stream().filter(answer -> answer.comparisonId() != null)
                .collect(Collectors.groupingBy(CountedAnswer::comparisonId)), tallies);
        return LeaderboardRanking.rank(counts.entrySet().stream().map(entry -> new LeaderboardRanking.ModelTally(
                entry.getKey(), providers.get(entry.getKey()), CategoryTally.of(entry.getValue()))).toList());
    }

    static LeaderboardAnswerDocument completed(String modelId, long latencyMs, long ttftMs, long tokens, Vote vote) {
        return answer(modelId, AnswerOutcome.COMPLETED, latencyMs, ttftMs, tokens, vote);
    }

    static LeaderboardAnswerDocument failed(String modelId, long tokens, Vote vote) {
        return answer(modelId, AnswerOutcome.FAILED, null, null, tokens, vote);
    }

    private static LeaderboardAnswerDocument answer(String modelId, AnswerOutcome outcome, Long latencyMs,
                                                    Long ttftMs, Long tokens, Vote vote) {
        String provider = modelId.substring(0, modelId.indexOf('/'));
        return new LeaderboardAnswerDocument("a" + ++answers, "session-1", modelId, provider, PromptCategory.CODING,
                outcome, T, outcome == AnswerOutcome.GENERATING ? null : T.plusSeconds(1), latencyMs, ttftMs, tokens,
                vote, 1);
    }

    @Test
    void countsUsesAndAveragesEachMeasureOverTheAnswersThatHaveIt() {
        List<LeaderboardEntry> ranking = rank(List.of(
                completed("local/a", 100, 10, 32, Vote.UP),
                completed("local/a", 300, 30, 40, Vote.DOWN),
                failed("local/a", 0, null),
                answer("local/a", AnswerOutcome.GENERATING, null, null, null, null)));

        LeaderboardEntry entry = ranking.get(0);
        assertThat(entry.rank()).isEqualTo(1);
        assertThat(entry.modelId()).isEqualTo("local/a");
        assertThat(entry.provider()).isEqualTo("local");
        assertThat(entry.uses()).isEqualTo(3);
        assertThat(entry.completed()).isEqualTo(2);
        assertThat(entry.failed()).isEqualTo(1);
        assertThat(entry.successRate()).isEqualTo(2.0 / 3);
        assertThat(entry.avgLatencyMs()).isEqualTo(200.0);
        assertThat(entry.avgTimeToFirstTokenMs()).isEqualTo(20.0);
        assertThat(entry.avgTokens()).isEqualTo(24.0);
        assertThat(entry.votes()).isEqualTo(new VoteCount(1, 1));
        assertThat(entry.score()).isEqualTo(0.386);
    }

    @Test
    void theScoreWeighsReliabilityApprovalAndSpeed() {
        assertThat(LeaderboardRanking.wilsonLowerBound(2, 3)).isCloseTo(0.20765, within(1e-5));
        assertThat(LeaderboardRanking.wilsonLowerBound(0, 0)).isZero();
        assertThat(LeaderboardRanking.score(1, 1, new VoteCount(0, 0), 0.0))
                .isEqualTo(Math.round((0.6 * 0.20654329 + 0.25 * 0.5 + 0.15) * 10_000) / 10_000.0);
        assertThat(LeaderboardRanking.score(2, 0, new VoteCount(0, 2), null)).isEqualTo(0.0625);
    }

    @Test
    void aModelThatOnlyFailedHasNoLatencyAndRanksBelowOneThatAnswers() {
        List<LeaderboardEntry> ranking = rank(List.of(
                failed("openrouter/b", 0, null),
                failed("openrouter/b", 5, null),
                completed("local/a", 50, 5, 30, null)));

        assertThat(ranking).extracting(LeaderboardEntry::modelId).containsExactly("local/a", "openrouter/b");
        assertThat(ranking).extracting(LeaderboardEntry::rank).containsExactly(1, 2);
        LeaderboardEntry failing = ranking.get(1);
        assertThat(failing.successRate()).isZero();
        assertThat(failing.avgLatencyMs()).isNull();
        assertThat(failing.avgTimeToFirstTokenMs()).isNull();
        assertThat(failing.avgTokens()).isEqualTo(2.5);
    }

    @Test
    void anUpVoteLiftsAModelAboveAnEqualOneWithout() {
        List<LeaderboardEntry> ranking = rank(List.of(
                completed("local/y", 100, 10, 30, null),
                completed("local/x", 100, 10, 30, Vote.UP),
                completed("local/z", 100, 10, 30, Vote.DOWN)));

        assertThat(ranking).extracting(LeaderboardEntry::modelId).containsExactly("local/x", "local/y", "local/z");
    }

    @Test
    void equalScoresRankMoreUsesFirstThenById() {
        List<LeaderboardEntry> ranking = rank(List.of(
                failed("local/p", 0, null),
                failed("local/q", 0, null),
                failed("local/q", 0, null),
                failed("local/o", 0, null)));

        assertThat(ranking).extracting(LeaderboardEntry::score).containsOnly(0.125);
        assertThat(ranking).extracting(LeaderboardEntry::modelId).containsExactly("local/q", "local/o", "local/p");
    }
    private static LeaderboardAnswerDocument compared(String comparisonId, String modelId, Vote vote) {
        String provider = modelId.substring(0, modelId.indexOf('/'));
        return new LeaderboardAnswerDocument("a" + ++answers, "session-1", modelId, provider, PromptCategory.CODING,
                AnswerOutcome.COMPLETED, T, T.plusSeconds(1), 100L, 10L, 30L, vote, 1, comparisonId);
    }

    @Test
    void aVoteInAComparisonIsAPreferenceOverTheOtherModelsCompared() {
        List<LeaderboardEntry> ranking = rank(List.of(
                compared("c1", "local/a", Vote.UP), compared("c1", "local/b", null), compared("c1", "local/c", null),
                compared("c2", "local/b", Vote.DOWN), compared("c2", "local/c", null),
                completed("local/c", 100, 10, 30, Vote.UP)));

        Map<String, LeaderboardEntry> byModel = ranking.stream()
                .collect(Collectors.toMap(LeaderboardEntry::modelId, entry -> entry));
        assertThat(byModel.get("local/a").preferences()).isEqualTo(new PreferenceCount(2, 0));
        assertThat(byModel.get("local/b").preferences()).isEqualTo(new PreferenceCount(0, 2));
        assertThat(byModel.get("local/c").preferences()).isEqualTo(new PreferenceCount(1, 1));
        assertThat(byModel.get("local/a").score()).as("approval (1 up + 2 wins + 1) / (1 + 2 + 2)")
                .isEqualTo(LeaderboardRanking.score(1, 1, new VoteCount(1, 0), new PreferenceCount(2, 0), 100.0))
                .isGreaterThan(LeaderboardRanking.score(1, 1, new VoteCount(1, 0), 100.0));
        assertThat(byModel.get("local/b").votes()).isEqualTo(new VoteCount(0, 1));
        assertThat(byModel.get("local/b").score())
                .isEqualTo(LeaderboardRanking.score(2, 2, new VoteCount(0, 1), new PreferenceCount(0, 2), 100.0));
    }
}
