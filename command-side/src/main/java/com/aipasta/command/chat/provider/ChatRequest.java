package com.aipasta.command.chat.provider;

import com.aipasta.chat.api.value.Thinking;

import java.util.List;

/**
 * What is sent to a model: the provider's own model name (without the provider prefix), the session's system
 * instruction (may be null), the conversation in order, optional sampling and thinking settings (null for the
 * default), and the tools the model may call (empty for none).
 */
public record ChatRequest(String model, String systemInstruction, List<ChatMessage> messages, Double temperature,
                          Integer maxTokens, Double topP, Thinking thinking, List<ToolDefinition> tools) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ChatRequest(String model, String systemInstruction, List<ChatMessage> messages, Double temperature,
                       Integer maxTokens, Double topP, Thinking thinking) {
        this(model, systemInstruction, messages, temperature, maxTokens, topP, thinking, List.of());
    }

    public ChatRequest(String model, String systemInstruction, List<ChatMessage> messages, Double temperature,
                       Integer maxTokens, Double topP) {
        this(model, systemInstruction, messages, temperature, maxTokens, topP, null);
    }

    /** The same request with another conversation and other tools: the next round of a turn that calls tools. */
    public ChatRequest next(List<ChatMessage> conversation, List<ToolDefinition> offered) {
        return new ChatRequest(model, systemInstruction, conversation, temperature, maxTokens, topP, thinking,
                offered);
    }

    /**
     * One message; {@code attachments} are what its attached files became: the text of documents, each naming its
     * file, and images (a message with none is sent as plain text). An assistant message may carry the
     * {@code toolCalls} it made (its content may then be empty); a {@code TOOL} message answers the call
     * {@code toolCallId} with the tool's result as {@code content}. The {@code TOOL} messages after an assistant
     * message's calls answer them in the order of the calls, one each.
     */
    public record ChatMessage(Role role, String content, List<Part> attachments, List<ToolCall> toolCalls,
                              String toolCallId) {

        public ChatMessage {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public ChatMessage(Role role, String content) {
            this(role, content, List.of());
        }

        public ChatMessage(Role role, String content, List<Part> attachments) {
            this(role, content, attachments, List.of(), null);
        }

        public static ChatMessage calls(String content, List<ToolCall> calls) {
            return new ChatMessage(Role.ASSISTANT, content, List.of(), calls, null);
        }

        public static ChatMessage result(String toolCallId, String content) {
            return new ChatMessage(Role.TOOL, content, List.of(), List.of(), toolCallId);
        }
    }

    /** What an attached file is sent as. */
    public sealed interface Part permits TextPart, ImagePart {
    }

    public record TextPart(String text) implements Part {
    }

    /** {@code name} is the file's; {@code base64} is the image's bytes in standard Base64. */
    public record ImagePart(String name, String mediaType, String base64) implements Part {
    }

    public enum Role { USER, ASSISTANT, TOOL }
}
