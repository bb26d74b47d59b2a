package com.aipasta.leaderboard.api.value;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How far back a leaderboard looks, by the time answers ended: the current UTC hour and the 24 before it, the current
 * UTC day and the 7 or 30 before it, or ever.
 */
public enum LeaderboardPeriod {
    DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), ALL(null);

    private final Duration length;

    LeaderboardPeriod(Duration length) {
        this.length = length;
    }

    /** How far back the period reaches; empty for {@link #ALL}. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
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
