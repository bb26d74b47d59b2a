package com.aipasta.common;

import java.util.Map;

/** A 1-based page of at most {@link #MAX_LIMIT} items. */
public record PageRequest(int page, int limit) {

    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (page < 1) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "page must be 1 or more",
                    Map.of("page", "must be 1 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT,
                    Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if ((long) (page - 1) * limit > Integer.MAX_VALUE) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "page lies beyond any result",
                    Map.of("page", "must be at most " + (Integer.MAX_VALUE / limit + 1) + " with this limit"));
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
