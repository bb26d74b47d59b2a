package com.aipasta.query.leaderboard;

import com.aipasta.leaderboard.api.query.LeaderboardEntry;
import com.aipasta.leaderboard.api.query.PreferenceCount;
import com.aipasta.leaderboard.api.query.VoteCount;
import com.aipasta.projections.leaderboard.CategoryTally;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

    /** These models' tallies, best first, numbered from 1; a model without an answer that ended is left out. */
    static List<LeaderboardEntry> rank(Collection<ModelTally> tallies) {
        List<LeaderboardEntry> ranked = tallies.stream().filter(tally -> tally.counts().uses() > 0)
                .map(ModelTally::unranked).sorted(BEST_FIRST).toList();
        return IntStream.range(0, ranked.size()).mapToObj(index -> withRank(ranked.get(index), index + 1)).toList();
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

    /** One model's counts over a leaderboard's spans and categories. */
    record ModelTally(String modelId, String provider, CategoryTally counts) {

        LeaderboardEntry unranked() {
            long uses = counts.uses();
            VoteCount votes = new VoteCount(counts.up(), counts.down());
            PreferenceCount preferences = new PreferenceCount(counts.wins(), counts.losses());
            Double avgLatency = mean(counts.latencySum(), counts.latencyCount());
            return new LeaderboardEntry(0, modelId, provider, uses, counts.completed(), counts.failed(),
                    (double) counts.completed() / uses, avgLatency, mean(counts.ttftSum(), counts.ttftCount()),
                    mean(counts.tokensSum(), counts.tokensCount()), votes,
                    score(uses, counts.completed(), votes, preferences, avgLatency), preferences);
        }

        private static Double mean(long sum, long count) {
            return count == 0 ? null : (double) sum / count;
        }
    }
}
