package com.aipasta.leaderboard.api.query;

/**
 * One model's record over a set of answers. {@code uses} counts the answers that ended, completed or failed;
 * {@code successRate} is completed over uses (0 to 1). Each average is over the answers that have the measure:
 * latency and time to first token over completed answers, tokens over every answer; null when none has it.
 * {@code preferences} counts its wins and losses in comparisons voted on.
 */
public record LeaderboardEntry(int rank, String modelId, String provider, long uses, long completed, long failed,
                               double successRate, Double avgLatencyMs, Double avgTimeToFirstTokenMs,
                               Double avgTokens, VoteCount votes, double score, PreferenceCount preferences) {

    public LeaderboardEntry(int rank, String modelId, String provider, long uses, long completed, long failed,
                            double successRate, Double avgLatencyMs, Double avgTimeToFirstTokenMs,
                            Double avgTokens, VoteCount votes, double score) {
        this(rank, modelId, provider, uses, completed, failed, successRate, avgLatencyMs, avgTimeToFirstTokenMs,
                avgTokens, votes, score, PreferenceCount.NONE);
    }
}
