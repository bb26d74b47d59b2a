package com.aipasta.chat.api.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A user's verdict on an answer. */
public enum Vote {
    UP, DOWN;

    /** The lower-case name used on the wire. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Vote> parse(String text) {
        return Arrays.stream(values()).filter(vote -> vote.toString().equals(text)).findFirst();
    }
}
