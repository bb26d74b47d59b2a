package com.aipasta.leaderboard.api.query;

import com.aipasta.leaderboard.api.value.LeaderboardPeriod;

import java.time.Instant;
import java.util.List;

/**
 * Totals over the answers that ended in the period. {@code topModel} is the first of the overall leaderboard,
 * {@code mostUsedModel} the one with the most uses (the better ranked of equals); both null without answers.
 */
public record LeaderboardStats(LeaderboardPeriod period, long answers, long completed, long failed,
                               Double successRate, long totalTokens, VoteCount votes, int models,
                               LeaderboardEntry topModel, LeaderboardEntry mostUsedModel,
                               List<CategoryStats> categories, Instant lastAnswerAt) {
}
