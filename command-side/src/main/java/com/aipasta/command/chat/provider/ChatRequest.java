package com.aipasta.command.chat.provider;

import com.aipasta.chat.api.value.Thinking;

import java.util.List;

/**
 * What is sent to a model: the provider's own model name (without the provider prefix), the session's system
 * instruction (may be null), the conversation in order, and optional sampling and thinking settings (null for the
 * default).
 */
public record ChatRequest(String model, String systemInstruction, List<ChatMessage> messages, Double temperature,
                          Integer maxTokens, Double topP, Thinking thinking) {

    public ChatRequest(String model, String systemInstruction, List<ChatMessage> messages, Double temperature,
                       Integer maxTokens, Double topP) {
        this(model, systemInstruction, messages, temperature, maxTokens, topP, null);
    }

    public record ChatMessage(Role role, String content) {
    }

    public enum Role { USER, ASSISTANT }
}
