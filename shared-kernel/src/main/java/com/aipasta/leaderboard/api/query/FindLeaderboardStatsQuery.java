package com.aipasta.leaderboard.api.query;

import com.aipasta.common.Require;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;

public record FindLeaderboardStatsQuery(LeaderboardPeriod period) {

    public FindLeaderboardStatsQuery {
        Require.present(period, "period");
    }
}
