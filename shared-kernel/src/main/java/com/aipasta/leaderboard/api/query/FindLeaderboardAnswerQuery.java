package com.aipasta.leaderboard.api.query;

/** How the leaderboard holds one answer, so a writer can wait until it shows what was just recorded. */
public record FindLeaderboardAnswerQuery(String messageId) {
}
