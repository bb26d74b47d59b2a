package com.aipasta.common;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What every string and instant entering a command must satisfy, whichever endpoint it comes through: text that any
 * store and serializer can hold (valid UTF-16, no NUL) and instants that fit a database date.
 */
public final class InputRules {

    /** The earliest instant accepted. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant accepted. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InputRules() {
    }

    /** Why {@code value} cannot be stored, or empty when it can. */
    public static Optional<String> textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("must be valid Unicode (it holds an unpaired surrogate)");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode (it holds an unpaired surrogate)");
            }
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be stored, or empty when it can. */
    public static Optional<String> instantProblem(Instant value) {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            return Optional.of("must lie between " + EARLIEST + " and " + LATEST);
        }
        return Optional.empty();
    }

    /** Checks a text field of a message, for inputs that do not come through the JSON reader. */
    public static String text(String value, String field) {
        if (value != null) {
            textProblem(value).ifPresent(problem -> {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem,
                        Map.of(field, problem));
            });
        }
        return value;
    }
}
