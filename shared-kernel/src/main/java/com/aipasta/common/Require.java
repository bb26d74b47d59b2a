package com.aipasta.common;

import java.util.Map;

/** Shape checks for the compact constructors of messages. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return value;
    }

    public static long positive(long value, String field) {
        if (value <= 0) {
            throw invalid(field, "must be positive");
        }
        return value;
    }

    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw invalid(field, "must not be negative");
        }
        return value;
    }

    private static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
