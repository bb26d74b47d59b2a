package com.aipasta.leaderboard.api.query;

import java.util.List;

/** Models ranked best first. */
public record Leaderboard(List<LeaderboardEntry> models) {
}
