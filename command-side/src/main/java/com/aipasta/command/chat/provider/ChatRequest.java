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

    /**
     * One message; {@code attachments} are what its attached files became: the text of documents, each naming its
     * file, and images. A message with none is sent as plain text.
     */
    public record ChatMessage(Role role, String content, List<Part> attachments) {

        public ChatMessage {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        public ChatMessage(Role role, String content) {
            this(role, content, List.of());
        }
    }

    /** What an attached file is sent as. */
    public sealed interface Part permits TextPart, ImagePart {
    }

    public record TextPart(String text) implements Part {
    }

    /** {@code base64} is the image's bytes in standard Base64. */
    public record ImagePart(String mediaType, String base64) implements Part {
    }

    public enum Role { USER, ASSISTANT }
}
