package com.aipasta.leaderboard.api.query;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.Vote;

/** An answer as the leaderboard counts it; {@code ended} once it completed or failed, {@code vote} null if none. */
public record LeaderboardAnswer(String messageId, String modelId, String provider, PromptCategory category,
                                boolean ended, Vote vote) {
}
