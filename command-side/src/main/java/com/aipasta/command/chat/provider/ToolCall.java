package com.aipasta.command.chat.provider;

/** A model's request to run a tool: the provider's id of the call, the tool's name and its arguments as JSON text. */
public record ToolCall(String id, String name, String arguments) {
}
