package com.aipasta.leaderboard.api.query;

import com.aipasta.chat.api.value.PromptCategory;

/** One category's totals; {@code topModel} is the first of its leaderboard, null without answers. */
public record CategoryStats(PromptCategory category, long answers, long completed, long failed, VoteCount votes,
                            int models, LeaderboardEntry topModel) {
}
