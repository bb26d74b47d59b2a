package com.aipasta.command.chat.provider;

/** A provider failure the user is told about, with a stable code. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** 401/403 from the provider: the key is missing, wrong or lacks access. */
        AUTHENTICATION,
        /** 402: the provider account has no credit. */
        PAYMENT_REQUIRED,
        /** 429. */
        RATE_LIMITED,
        /** 404 or 400 naming the model: the model does not exist or was refused. */
        BAD_REQUEST,
        /** 5xx. */
        UNAVAILABLE,
        /** A chunk or body that could not be understood. */
        MALFORMED_RESPONSE,
        /** No first byte, or no chunk for longer than the idle timeout. */
        TIMEOUT,
        /** The connection failed or was cut. */
        CONNECTION
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What a user is told: the kind of failure only; the details, which may name internal addresses, are logged. */
    public String userMessage() {
        return switch (kind) {
            case AUTHENTICATION -> "The model provider refused this platform's credentials";
            case PAYMENT_REQUIRED -> "The model provider's account has run out of credit";
            case RATE_LIMITED -> "The model provider is rate limiting requests; try again shortly";
            case BAD_REQUEST -> "The model provider refused the request";
            case UNAVAILABLE -> "The model provider is unavailable";
            case MALFORMED_RESPONSE -> "The model provider sent a response that could not be read";
            case TIMEOUT -> "The model provider did not answer in time";
            case CONNECTION -> "The model provider could not be reached";
        };
    }
}
