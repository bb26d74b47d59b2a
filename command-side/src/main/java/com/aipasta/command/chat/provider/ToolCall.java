package com.aipasta.command.chat.provider;

/**
 * A model's request to run a tool: the provider's id of the call (null when the provider gives none), the tool's
 * name, its arguments as JSON text, and an opaque {@code signature} the provider wants back with the call in the next
 * round (Gemini's {@code thoughtSignature}; null for none).
 */
public record ToolCall(String id, String name, String arguments, String signature) {

    public ToolCall(String id, String name, String arguments) {
        this(id, name, arguments, null);
    }
}
