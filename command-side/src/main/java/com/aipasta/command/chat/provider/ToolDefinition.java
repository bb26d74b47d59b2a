package com.aipasta.command.chat.provider;

import java.util.Map;

/** A tool offered to a model: its name, what it does, and its parameters as a JSON Schema object. */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {
}
