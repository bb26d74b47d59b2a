package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Gemini {@code streamGenerateContent?alt=sse} stream: each chunk is a whole GenerateContentResponse whose
 * parts are thoughts ({@code "thought": true}), text or function calls (each whole in one part, with its
 * {@code thoughtSignature} when the model thought). The stream ends with the body; the last chunk carries the finish
 * reason, so a body that ends without one was cut. Gemini finishes a response that calls functions with
 * {@code STOP}, so a stream that held calls ends as a request for tools.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private final String provider;
    private final ObjectMapper json;
    private TokenUsage usage;
    private String finishReason;
    private final List<ToolCall> calls = new ArrayList<>();

    GeminiStreamDecoder(String provider, ObjectMapper json) {
        this.provider = provider;
        this.json = json;
    }

    @Override
    public void onData(String data, ChatListener listener) throws JsonProcessingException {
        ObjectNode chunk = json.readValue(data, ObjectNode.class);
        JsonNode error = chunk.path("error");
        if (error.isObject()) {
            listener.onError(ProviderFailures.ofStreamedError(provider, error));
            return;
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                calls.add(new ToolCall(call.path("id").textValue(), call.path("name").asText(""),
                        call.path("args").isObject() ? json.writeValueAsString(call.path("args")) : "{}",
                        part.path("thoughtSignature").textValue()));
                continue;
            }
            String text = part.path("text").asText("");
            if (text.isEmpty()) {
                continue;
            }
            if (part.path("thought").asBoolean(false)) {
                listener.onThought(text);
            } else {
                listener.onDelta(text);
            }
        }
        if (candidate.path("finishReason").isTextual()) {
            finishReason = candidate.path("finishReason").textValue();
        } else if (chunk.path("promptFeedback").path("blockReason").isTextual()) {
            finishReason = chunk.path("promptFeedback").path("blockReason").textValue();
        }
        JsonNode reported = chunk.path("usageMetadata");
        if (reported.isObject()) {
            long completion = reported.path("candidatesTokenCount").asLong()
                    + reported.path("thoughtsTokenCount").asLong();
            usage = new TokenUsage(reported.path("promptTokenCount").asLong(), completion,
                    reported.path("totalTokenCount").asLong());
        }
    }

    @Override
    public void onEndOfBody(ChatListener listener) {
        if (finishReason == null) {
            listener.onError(new ProviderException(Kind.CONNECTION,
                    provider + " ended the stream before a finish reason"));
        } else if (!calls.isEmpty()) {
            listener.onToolCalls(List.copyOf(calls), usage);
        } else {
            listener.onComplete(usage, finishReason);
        }
    }
}
