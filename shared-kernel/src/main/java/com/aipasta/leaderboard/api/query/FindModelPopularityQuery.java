package com.aipasta.leaderboard.api.query;

import com.aipasta.common.Require;

import java.time.Instant;

/** How many answers each model began since {@code since}: a model's popularity in the catalogue. */
public record FindModelPopularityQuery(Instant since) {

    public FindModelPopularityQuery {
        Require.present(since, "since");
    }
}
