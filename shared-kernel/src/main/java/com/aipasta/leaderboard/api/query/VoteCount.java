package com.aipasta.leaderboard.api.query;

/** The latest vote of each rated answer, counted. */
public record VoteCount(long up, long down) {
}
