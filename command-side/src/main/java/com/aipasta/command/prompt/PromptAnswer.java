package com.aipasta.command.prompt;

import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.common.InputRules;
import com.aipasta.template.api.value.TemplateContent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the prompt generator's answer. The model is asked for exactly one JSON object,
 * {@code {"prompt": "…", "category": "…", "improvements": ["…", …]}}, optionally inside one Markdown code fence.
 * {@code prompt} must be a non-blank string of at most {@value #PROMPT_LENGTH} characters; {@code improvements} an
 * array of at most {@value #IMPROVEMENTS} non-blank strings of at most {@value #IMPROVEMENT_LENGTH} characters;
 * {@code category} one of {@code coding}, {@code writing}, {@code research}, {@code math} or {@code general} in any
 * case, and when it is missing or none of these, the category the input is detected as. Anything else, or a text
 * that cannot be stored, is an answer that cannot be read.
 */
public final class PromptAnswer {

    public static final int PROMPT_LENGTH = TemplateContent.INSTRUCTION_LENGTH;
    public static final int IMPROVEMENTS = 20;
    public static final int IMPROVEMENT_LENGTH = 1_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    public record Parsed(String prompt, PromptCategory category, List<String> improvements) {
    }

    private PromptAnswer() {
    }

    /** The answer read, or empty when it is not in the format asked for. */
    public static Optional<Parsed> parse(String answer, PromptCategory detected) {
        JsonNode root;
        try {
            root = JSON.readTree(unfenced(answer));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode prompt = root.get("prompt");
        JsonNode improvements = root.get("improvements");
        if (prompt == null || !prompt.isTextual() || !storable(prompt.asText(), PROMPT_LENGTH)
                || improvements == null || !improvements.isArray() || improvements.size() > IMPROVEMENTS) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : improvements) {
            if (!item.isTextual() || !storable(item.asText(), IMPROVEMENT_LENGTH)) {
                return Optional.empty();
            }
            items.add(item.asText().strip());
        }
        JsonNode category = root.get("category");
        PromptCategory named = category != null && category.isTextual()
                ? PromptCategory.parse(category.asText()).orElse(detected) : detected;
        return Optional.of(new Parsed(prompt.asText().strip(), named, List.copyOf(items)));
    }

    private static boolean storable(String text, int maxLength) {
        return !text.isBlank() && text.strip().length() <= maxLength && InputRules.textProblem(text).isEmpty();
    }

    /** The text inside a surrounding code fence ({@code ```} or {@code ```json}), or the whole text. */
    private static String unfenced(String answer) {
        String text = answer.strip();
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            int firstLineEnd = text.indexOf('\n');
            if (firstLineEnd < 0) {
                return text;
            }
            return text.substring(firstLineEnd + 1, text.length() - 3);
        }
        return text;
    }
}
