package com.aipasta.leaderboard.api.query;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.common.Require;
import com.aipasta.leaderboard.api.value.LeaderboardPeriod;

/** Every model that answered in the period, best first; a null {@code category} ranks the answers of all of them. */
public record FindLeaderboardQuery(PromptCategory category, LeaderboardPeriod period) {

    public FindLeaderboardQuery {
        Require.present(period, "period");
    }
}
