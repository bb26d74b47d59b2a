package com.aipasta.command.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's parameters as a JSON Schema object, the form OpenAI-compatible {@code tools} and Gemini function
 * declarations take. Built with {@link #builder()}; properties keep the order they were declared in.
 */
public final class ToolSchema {

    private final Map<String, Map<String, Object>> properties;
    private final List<String> required;

    private ToolSchema(Map<String, Map<String, Object>> properties, List<String> required) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.required = List.copyOf(required);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean declares(String parameter) {
        return properties.containsKey(parameter);
    }

    public List<String> required() {
        return required;
    }

    /** The schema as JSON: {@code {"type":"object","properties":…,"required":[…]}}. */
    public Map<String, Object> asJsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    public static final class Builder {
        private final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        private Builder() {
        }

        public Builder text(String name, String description, int maxLength, boolean mandatory) {
            return add(name, mandatory, Map.of("type", "string", "description", description, "maxLength", maxLength));
        }

        public Builder choice(String name, String description, List<String> values, boolean mandatory) {
            return add(name, mandatory, Map.of("type", "string", "description", description, "enum", values));
        }

        public Builder integer(String name, String description, int minimum, int maximum, boolean mandatory) {
            return add(name, mandatory, Map.of("type", "integer", "description", description, "minimum", minimum,
                    "maximum", maximum));
        }

        /** A decimal, given as a JSON number or, to keep every digit, as a string of one. */
        public Builder decimal(String name, String description, boolean mandatory) {
            return add(name, mandatory, Map.of("type", List.of("number", "string"), "description", description));
        }

        private Builder add(String name, boolean mandatory, Map<String, Object> property) {
            properties.put(name, property);
            if (mandatory) {
                required.add(name);
            }
            return this;
        }

        public ToolSchema build() {
            return new ToolSchema(properties, required);
        }
    }
}
