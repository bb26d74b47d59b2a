package com.aipasta.command.auth;

import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;

/** So many attempts per period, written {@code 20/1m} in configuration. */
public record Rate(long attempts, Duration period) {

    public Rate {
        if (attempts < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate needs at least one attempt per positive period");
        }
    }

    public static Rate valueOf(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Write a rate as <attempts>/<period>, e.g. 20/1m: " + text);
        }
        return new Rate(Long.parseLong(text.substring(0, slash).strip()),
                DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
    }

    @Override
    public String toString() {
        return attempts + "/" + period;
    }
}
