package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;

/** What a provider's failure means: HTTP statuses, error bodies and I/O errors as {@link ProviderException}s. */
final class ProviderFailures {

    private static final int MAX_MESSAGE_LENGTH = 300;

    private ProviderFailures() {
    }

    static ProviderException ofStatus(ObjectMapper json, String provider, int status, String body,
                                      String retryAfter) {
        JsonNode error = errorOf(json, body);
        String message = provider + " answered HTTP " + status + ": " + describe(error, body);
        String retryDelay = retryAfter != null ? retryAfter : retryDelayOf(error);
        if (status == 429 && retryDelay != null) {
            message += " (retry after " + retryDelay + ")";
        }
        return new ProviderException(rejectsTheKey(error) ? Kind.AUTHENTICATION : kindOf(status), message);
    }

    static ProviderException ofIoError(String provider, IOException e) {
        if (e instanceof InterruptedIOException) {
            return new ProviderException(Kind.TIMEOUT, provider + " did not answer in time", e);
        }
        return new ProviderException(Kind.CONNECTION, provider + " connection failed: " + e.getMessage(), e);
    }

    /** An error object sent inside a stream that had started well, as {@code {"error":{"code":…,"message":…}}}. */
    static ProviderException ofStreamedError(String provider, JsonNode error) {
        JsonNode code = error.path("code");
        Kind kind = code.canConvertToInt() && code.asInt() >= 400 ? kindOf(code.asInt()) : Kind.UNAVAILABLE;
        return new ProviderException(kind, provider + " failed mid-stream: "
                + Objects.requireNonNullElse(errorMessage(error), "no details"));
    }

    static ProviderException malformed(String provider, String what, Throwable cause) {
        return new ProviderException(Kind.MALFORMED_RESPONSE, provider + " sent " + what, cause);
    }

    private static Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return Kind.AUTHENTICATION;
        }
        if (status == 402) {
            return Kind.PAYMENT_REQUIRED;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        return status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_REQUEST;
    }

    /** The error object of an OpenAI-style or Gemini error body (Gemini may wrap it in an array). */
    private static JsonNode errorOf(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return (node.isArray() ? node.path(0) : node).path("error");
        } catch (JsonProcessingException notJson) {
            // an HTML page from a proxy, say: the raw body describes it
            return MissingNode.getInstance();
        }
    }

    private static String describe(JsonNode error, String body) {
        String message = errorMessage(error);
        if (message != null) {
            return message;
        }
        return body == null || body.isBlank() ? "no details" : abbreviate(body);
    }

    /** Gemini answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID. */
    private static boolean rejectsTheKey(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Gemini says when to retry in a RetryInfo detail rather than a Retry-After header. */
    private static String retryDelayOf(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("retryDelay").isTextual()) {
                return detail.path("retryDelay").textValue();
            }
        }
        return null;
    }

    private static String errorMessage(JsonNode error) {
        if (error.isTextual()) {
            return abbreviate(error.textValue());
        }
        JsonNode message = error.path("message");
        return message.isTextual() ? abbreviate(message.textValue()) : null;
    }

    private static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= MAX_MESSAGE_LENGTH ? stripped : stripped.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
