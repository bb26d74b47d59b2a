package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an OpenAI-style chat completion stream: {@code choices[0].delta} carries text, reasoning and the fragments of
 * tool calls, the last chunks the finish reason and the usage, and {@code [DONE]} ends it. A body that ends before {@code [DONE]} was cut.
 */
final class OpenAiStreamDecoder implements StreamDecoder {

    private final String provider;
    private final ObjectMapper json;
    private TokenUsage usage;
    private String finishReason;
    private final Map<Integer, PendingCall> toolCalls = new TreeMap<>();

    /** A tool call as its fragments arrive: the id and name once, the arguments in pieces. */
    private static final class PendingCall {
        private String id;
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
    }

    OpenAiStreamDecoder(String provider, ObjectMapper json) {
        this.provider = provider;
        this.json = json;
    }

    @Override
    public void onData(String data, ChatListener listener) throws JsonProcessingException {
        if ("[DONE]".equals(data.strip())) {
            if (toolCalls.isEmpty()) {
                listener.onComplete(usage, finishReason);
            } else {
                // a server that names no call ids gets ones of its own, which the results must quote back
                listener.onToolCalls(toolCalls.entrySet().stream().map(call -> new ToolCall(
                        call.getValue().id == null ? "call_" + call.getKey() : call.getValue().id,
                        call.getValue().name, call.getValue().arguments.toString())).toList(), usage);
            }
            return;
        }
        ObjectNode chunk = json.readValue(data, ObjectNode.class);
        JsonNode error = chunk.path("error");
        if (error.isObject()) {
            listener.onError(ProviderFailures.ofStreamedError(provider, error));
            return;
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        // OpenRouter calls the reasoning "reasoning"; DeepSeek, vLLM and Hugging Face backends "reasoning_content"
        String thought = text(delta.path("reasoning"));
        if (thought.isEmpty()) {
            thought = text(delta.path("reasoning_content"));
        }
        if (!thought.isEmpty()) {
            listener.onThought(thought);
        }
        String content = text(delta.path("content"));
        if (!content.isEmpty()) {
            listener.onDelta(content);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            PendingCall pending = toolCalls.computeIfAbsent(call.path("index").asInt(toolCalls.size()),
                    index -> new PendingCall());
            if (call.path("id").isTextual()) {
                pending.id = call.path("id").textValue();
            }
            pending.name += text(call.path("function").path("name"));
            pending.arguments.append(text(call.path("function").path("arguments")));
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").textValue();
        }
        JsonNode reported = chunk.path("usage");
        if (reported.isObject()) {
            usage = new TokenUsage(reported.path("prompt_tokens").asLong(), reported.path("completion_tokens").asLong(),
                    reported.path("total_tokens").asLong());
        }
    }

    @Override
    public void onEndOfBody(ChatListener listener) {
        listener.onError(new ProviderException(Kind.CONNECTION, provider + " ended the stream before [DONE]"));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }
}
