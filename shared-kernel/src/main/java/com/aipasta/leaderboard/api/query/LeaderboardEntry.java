package com.aipasta.leaderboard.api.query;

/**
 * One model's record over a set of answers. {@code uses} counts the answers that ended, completed or failed;
 * {@code successRate} is completed over uses (0 to 1). Each average is over the answers that have the measure:
 * latency and time to first token over completed answers, tokens over every answer; null when none has it.
 */
public record LeaderboardEntry(int rank, String modelId, String provider, long uses, long completed, long failed,
                               double successRate, Double avgLatencyMs, Double avgTimeToFirstTokenMs,
                               Double avgTokens, VoteCount votes, double score) {
}
