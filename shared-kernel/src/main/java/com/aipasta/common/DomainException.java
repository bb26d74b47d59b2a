package com.aipasta.common;

import java.util.Map;

/**
 * A refusal the caller can act on: it carries an {@link ErrorCode} and optional details, and is mapped
 * to the HTTP envelope in one place. Aggregates, query handlers and endpoints all throw it.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
