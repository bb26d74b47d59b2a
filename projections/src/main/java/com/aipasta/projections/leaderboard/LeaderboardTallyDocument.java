package com.aipasta.projections.leaderboard;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Map;

/**
 * One model's answers that ended in one {@link TallySpan span} of time starting at {@code bucket}, by category name
 * (see {@link CategoryTally}), with the end of the latest of them. A comparison's wins and losses are counted in the
 * span and category of the answer voted on. Leaderboards add these up, so reading one costs the same however many
 * answers were given.
 */
@Document(LeaderboardTallyDocument.COLLECTION)
@CompoundIndex(name = "span_bucket", def = "{'span': 1, 'bucket': 1}")
public record LeaderboardTallyDocument(@Id String id, TallySpan span, Instant bucket, String modelId, String provider,
                                       Instant lastEndedAt, Map<String, CategoryTally> categories) {

    public static final String COLLECTION = "leaderboard_tallies";
}
