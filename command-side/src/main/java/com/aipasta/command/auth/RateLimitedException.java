package com.aipasta.command.auth;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Too many attempts: the answer is 429 with a {@code Retry-After} of {@link #retryAfter()}. */
public class RateLimitedException extends DomainException {

    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter, Instant now) {
        this(ErrorCode.RATE_LIMITED, message, retryAfter, now);
    }

    public RateLimitedException(ErrorCode code, String message, Duration retryAfter, Instant now) {
        super(code, message, Map.of("retryAfterSeconds", seconds(retryAfter),
                "resetTime", now.plusSeconds(seconds(retryAfter)).toString()));
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
