package com.aipasta.projections.leaderboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The spans of time the leaderboard's tallies are kept by: each UTC hour, each UTC day, and all time. */
public enum TallySpan {
    HOUR, DAY, ALL;

    /** The start of the span of this kind that holds {@code at}. */
    public Instant bucket(Instant at) {
        return switch (this) {
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case DAY -> at.truncatedTo(ChronoUnit.DAYS);
            case ALL -> Instant.EPOCH;
        };
    }

    String id(Instant bucket, String modelId) {
        return name() + ":" + bucket.getEpochSecond() + ":" + modelId;
    }
}
