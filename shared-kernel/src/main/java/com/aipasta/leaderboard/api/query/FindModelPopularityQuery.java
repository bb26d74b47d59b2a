package com.aipasta.leaderboard.api.query;

import com.aipasta.common.Require;

import java.time.Instant;

/** How many answers of each model ended from the UTC day holding {@code since} on: its popularity in the catalogue. */
public record FindModelPopularityQuery(Instant since) {

    public FindModelPopularityQuery {
        Require.present(since, "since");
    }
}
