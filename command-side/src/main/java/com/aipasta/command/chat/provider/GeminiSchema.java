package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's JSON Schema in the subset Gemini's function declarations accept (its OpenAPI-style {@code Schema}):
 * keywords Gemini rejects ({@code $schema}, {@code additionalProperties}, {@code const}, …) are left out, and a list of
 * types becomes {@code nullable} for {@code "null"} and {@code anyOf} for several others.
 */
final class GeminiSchema {

    private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
            "minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "minimum",
            "maximum", "default", "example", "required", "propertyOrdering");

    private GeminiSchema() {
    }

    static ObjectNode of(ObjectMapper json, Map<String, Object> schema) {
        return translate(json, json.valueToTree(schema));
    }

    private static ObjectNode translate(ObjectMapper json, JsonNode schema) {
        ObjectNode translated = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            switch (keyword) {
                case "type" -> addType(json, translated, value);
                case "properties" -> {
                    ObjectNode properties = translated.putObject("properties");
                    value.fields().forEachRemaining(property ->
                            properties.set(property.getKey(), translate(json, property.getValue())));
                }
                case "items" -> translated.set("items", translate(json, value));
                case "anyOf" -> {
                    ArrayNode choices = translated.putArray("anyOf");
                    value.forEach(choice -> choices.add(translate(json, choice)));
                }
                default -> {
                    if (KEPT.contains(keyword)) {
                        translated.set(keyword, value);
                    }
                }
            }
        }
        return translated;
    }

    private static void addType(ObjectMapper json, ObjectNode translated, JsonNode type) {
        if (!type.isArray()) {
            translated.set("type", type);
            return;
        }
        List<String> types = new ArrayList<>();
        type.forEach(name -> {
            if ("null".equals(name.asText())) {
                translated.put("nullable", true);
            } else {
                types.add(name.asText());
            }
        });
        if (types.size() == 1) {
            translated.put("type", types.get(0));
        } else if (types.size() > 1) {
            ArrayNode choices = translated.putArray("anyOf");
            types.forEach(name -> choices.add(json.createObjectNode().put("type", name)));
        }
    }
}
