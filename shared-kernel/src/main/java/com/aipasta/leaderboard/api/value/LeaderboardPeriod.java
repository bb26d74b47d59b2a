package com.aipasta.leaderboard.api.value;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far back a leaderboard looks, by the time answers ended: the last 24 hours, 7 days, 30 days, or ever. */
public enum LeaderboardPeriod {
    DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), ALL(null);

    private final Duration length;

    LeaderboardPeriod(Duration length) {
        this.length = length;
    }

    /** The earliest end of an answer the period counts; empty for {@link #ALL}. */
    public Optional<Instant> start(Instant now) {
        return Optional.ofNullable(length).map(now::minus);
    }

    /** The lower-case name used on the wire. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LeaderboardPeriod> parse(String text) {
        return Arrays.stream(values()).filter(period -> period.toString().equalsIgnoreCase(text.strip()))
                .findFirst();
    }
}
