package com.aipasta.common;

/** Every error the platform reports, with the HTTP status it travels under. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_SIGNATURE(400),
    MALFORMED_REQUEST(400),
    /** A wrong one-time password (or reset token); {@code details.attemptsLeft} says how many more are allowed. */
    INVALID_OTP(400),
    /** No code is pending, or it has expired: a new one must be requested. */
    OTP_EXPIRED(400),
    /** The model takes no input of an attached file's kind (an image, say). */
    MODEL_CANNOT_READ_FILE(400),
    /** Embeddings were asked of a model that does not make them. */
    MODEL_NOT_EMBEDDING(400),
    /** A chat turn named an embedding model. */
    MODEL_NOT_CHAT(400),
    INVALID_CREDENTIALS(401),
    UNAUTHORIZED(401),
    INSUFFICIENT_TOKENS(402),
    FORBIDDEN(403),
    PAYWALL(403),
    /** Chat needs a verified e-mail address ({@code EMAIL_VERIFICATION_REQUIRED}). */
    EMAIL_NOT_VERIFIED(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    EMAIL_TAKEN(409),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    /** Storing the files would take their owner past the plan's storage allowance. */
    STORAGE_QUOTA_EXCEEDED(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** A file's bytes are of a type the platform does not accept, whatever its name says. */
    UNSUPPORTED_FILE_TYPE(415),
    /** A request that changes something reached a query node ({@code PLATFORM_ROLE=query}), which serves reads only. */
    WRONG_NODE(421),
    /** A regular expression ran past its time limit on its text and was stopped. */
    REGEX_TIMEOUT(422),
    RATE_LIMITED(429),
    QUOTA_EXCEEDED(429),
    MONTHLY_LIMIT_EXCEEDED(429),
    /** Too many wrong codes: the purpose is locked until {@code details.resetTime}. */
    OTP_LOCKED(429),
    INTERNAL_ERROR(500),
    PROVIDER_ERROR(502),
    /** The model answered the prompt generator in a form that could not be read; its tokens were paid. */
    PROMPT_GENERATOR_BAD_ANSWER(502),
    SERVICE_UNAVAILABLE(503),
    /** No SMTP server is configured, so nothing that sends e-mail is available. */
    EMAIL_DISABLED(503),
    /** The SMTP server did not take the message; nothing was changed that stops a retry. */
    EMAIL_NOT_SENT(503),
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
