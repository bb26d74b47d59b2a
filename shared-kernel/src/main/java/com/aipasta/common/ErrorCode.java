package com.aipasta.common;

/** Every error the platform reports, with the HTTP status it travels under. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_SIGNATURE(400),
    MALFORMED_REQUEST(400),
    INVALID_CREDENTIALS(401),
    UNAUTHORIZED(401),
    INSUFFICIENT_TOKENS(402),
    FORBIDDEN(403),
    PAYWALL(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    EMAIL_TAKEN(409),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** A regular expression ran past its time limit on its text and was stopped. */
    REGEX_TIMEOUT(422),
    RATE_LIMITED(429),
    QUOTA_EXCEEDED(429),
    MONTHLY_LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500),
    PROVIDER_ERROR(502),
    SERVICE_UNAVAILABLE(503),
    /** A read model cannot show the change: its events for that aggregate are parked, or its processor stopped. */
    READ_MODEL_STALLED(503),
    /** Too many requests are already waiting for read models. */
    READ_MODEL_BUSY(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
