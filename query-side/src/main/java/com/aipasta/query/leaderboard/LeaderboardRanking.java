package com.aipasta.query.leaderboard;

import com.aipasta.chat.api.value.Vote;
import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.PreferenceCount;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.projections.leaderboard.AnswerOutcome;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Ranks models by the answers they gave. Each model's score, from 0 to 1 and rounded to four decimals, is
 * <pre>
 *   score = 0.60 × reliability + 0.25 × approval + 0.15 × speed
 *   reliability = the Wilson lower bound (95 %, z = 1.96) of completed out of uses
 *   approval    = (up + wins + 1) / (up + down + wins + losses + 2)
 *   speed       = 2000 / (2000 + average latency in ms), 0 when no answer completed
 * </pre>
 * so a model needs many answers to prove a high success rate, a model without votes is neither helped nor hurt
 * by them, and an answer in two seconds counts half as fast as an instant one. In a comparison, a vote up on one
 * answer is a win of its model over each other model compared, a vote down a loss to each. Higher scores rank
 * first; equal scores rank the model with more uses first, then by model id.
 */
final class LeaderboardRanking {

    static final double RELIABILITY_WEIGHT = 0.60;
    static final double APPROVAL_WEIGHT = 0.25;
    static final double SPEED_WEIGHT = 0.15;
    static final double Z = 1.96;
    static final double HALF_SPEED_LATENCY_MS = 2000;

    private static final Comparator<LeaderboardEntry> BEST_FIRST = Comparator
            .comparingDouble(LeaderboardEntry::score).reversed()
            .thenComparing(Comparator.comparingLong(LeaderboardEntry::uses).reversed())
            .thenComparing(LeaderboardEntry::modelId);

    private LeaderboardRanking() {
    }

    /** The models of these ended answers, best first, numbered from 1. */
    static List<LeaderboardEntry> rank(List<LeaderboardAnswerDocument> answers) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, List<LeaderboardAnswerDocument>> comparisons = new LinkedHashMap<>();
        for (LeaderboardAnswerDocument answer : answers) {
            if (answer.ended()) {
                tallies.computeIfAbsent(answer.modelId(), modelId -> new Tally(modelId, answer.provider()))
                        .add(answer);
                if (answer.comparisonId() != null) {
                    comparisons.computeIfAbsent(answer.comparisonId(), id -> new ArrayList<>()).add(answer);
                }
            }
        }
        comparisons.values().forEach(compared -> countPreferences(compared, tallies));
        List<LeaderboardEntry> ranked = tallies.values().stream().map(Tally::unranked)
                .sorted(BEST_FIRST).toList();
        return IntStream.range(0, ranked.size()).mapToObj(index -> withRank(ranked.get(index), index + 1)).toList();
    }

    /** A vote up on an answer wins over each other model of its comparison, a vote down loses to each. */
    private static void countPreferences(List<LeaderboardAnswerDocument> compared, Map<String, Tally> tallies) {
        for (LeaderboardAnswerDocument voted : compared) {
            if (voted.vote() == null) {
                continue;
            }
            for (LeaderboardAnswerDocument other : compared) {
                if (other.modelId().equals(voted.modelId())) {
                    continue;
                }
                Tally winner = tallies.get(voted.vote() == Vote.UP ? voted.modelId() : other.modelId());
                Tally loser = tallies.get(voted.vote() == Vote.UP ? other.modelId() : voted.modelId());
                winner.wins++;
                loser.losses++;
            }
        }
    }

    static double score(long uses, long completed, VoteCount votes, Double avgLatencyMs) {
        return score(uses, completed, votes, PreferenceCount.NONE, avgLatencyMs);
    }

    static double score(long uses, long completed, VoteCount votes, PreferenceCount preferences,
                        Double avgLatencyMs) {
        double reliability = wilsonLowerBound(completed, uses);
        double approval = (votes.up() + preferences.wins() + 1.0)
                / (votes.up() + votes.down() + preferences.wins() + preferences.losses() + 2.0);
        double speed = avgLatencyMs == null ? 0 : HALF_SPEED_LATENCY_MS / (HALF_SPEED_LATENCY_MS + avgLatencyMs);
        double score = RELIABILITY_WEIGHT * reliability + APPROVAL_WEIGHT * approval + SPEED_WEIGHT * speed;
        return Math.round(score * 10_000) / 10_000.0;
    }

    static double wilsonLowerBound(long successes, long trials) {
        if (trials == 0) {
            return 0;
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
    }

    private static LeaderboardEntry withRank(LeaderboardEntry entry, int rank) {
        return new LeaderboardEntry(rank, entry.modelId(), entry.provider(), entry.uses(), entry.completed(),
                entry.failed(), entry.successRate(), entry.avgLatencyMs(), entry.avgTimeToFirstTokenMs(),
                entry.avgTokens(), entry.votes(), entry.score(), entry.preferences());
    }

    /** Sums of one model's answers; an average divides by the answers that carry its measure. */
    private static final class Tally {
        private final String modelId;
        private final String provider;
        private long completed;
        private long failed;
        private final Mean latency = new Mean();
        private final Mean timeToFirstToken = new Mean();
        private final Mean tokens = new Mean();
        private long up;
        private long down;
        private long wins;
        private long losses;

        Tally(String modelId, String provider) {
            this.modelId = modelId;
            this.provider = provider;
        }

        void add(LeaderboardAnswerDocument answer) {
            if (answer.outcome() == AnswerOutcome.COMPLETED) {
                completed++;
            } else {
                failed++;
            }
            latency.add(answer.latencyMs());
            timeToFirstToken.add(answer.timeToFirstTokenMs());
            tokens.add(answer.totalTokens());
            if (answer.vote() == Vote.UP) {
                up++;
            } else if (answer.vote() == Vote.DOWN) {
                down++;
            }
        }

        LeaderboardEntry unranked() {
            long uses = completed + failed;
            VoteCount votes = new VoteCount(up, down);
            PreferenceCount preferences = new PreferenceCount(wins, losses);
            Double avgLatency = latency.value();
            return new LeaderboardEntry(0, modelId, provider, uses, completed, failed, (double) completed / uses,
                    avgLatency, timeToFirstToken.value(), tokens.value(), votes,
                    score(uses, completed, votes, preferences, avgLatency), preferences);
        }
    }

    private static final class Mean {
        private long sum;
        private long count;

        void add(Long measure) {
            if (measure != null) {
                sum += measure;
                count++;
            }
        }

        Double value() {
            return count == 0 ? null : (double) sum / count;
        }
    }
}
