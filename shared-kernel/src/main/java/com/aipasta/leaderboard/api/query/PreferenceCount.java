package com.aipasta.leaderboard.api.query;

/**
 * How a model fared in comparisons: a vote up on its answer wins over each other model compared with it, a vote
 * down on its answer loses to each of them.
 */
public record PreferenceCount(long wins, long losses) {

    public static final PreferenceCount NONE = new PreferenceCount(0, 0);
}
