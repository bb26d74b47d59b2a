package com.aipasta.template.api.value;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PersonalData;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a template says, field by field (seed 003): every text but {@code name} and {@code instruction} may be null,
 * and each has a length limit checked here, so a request and a command are refused alike, naming the field. Tags
 * are kept in lower case, without repeats.
 */
public record TemplateContent(@PersonalData String name, @PersonalData String description,
                              @PersonalData String persona, @PersonalData String context,
                              @PersonalData String instruction, @PersonalData String format,
                              @PersonalData String tone, @PersonalData String inputData,
                              @PersonalData List<String> thinkingPoints, @PersonalData List<String> warnings,
                              boolean askMe, boolean publicTemplate,
                              @PersonalData(erasedAs = ERASED_TAG) List<String> tags) {

    /** What a shredded tag reads as: a tag, unlike {@link PersonalData#ERASED}, so the template still reads. */
    public static final String ERASED_TAG = "deleted";
    public static final int NAME_LENGTH = 100;
    public static final int DESCRIPTION_LENGTH = 500;
    public static final int PERSONA_LENGTH = 2_000;
    public static final int CONTEXT_LENGTH = 10_000;
    public static final int INSTRUCTION_LENGTH = 10_000;
    public static final int FORMAT_LENGTH = 2_000;
    public static final int TONE_LENGTH = 200;
    public static final int INPUT_DATA_LENGTH = 20_000;
    public static final int LIST_ITEMS = 20;
    public static final int LIST_ITEM_LENGTH = 500;
    public static final int TAGS = 10;
    /** A tag: a lower-case letter or digit, then up to 29 of them or hyphens. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

    public TemplateContent {
        name = required(name, "name", NAME_LENGTH);
        description = optional(description, "description", DESCRIPTION_LENGTH);
        persona = optional(persona, "persona", PERSONA_LENGTH);
        context = optional(context, "context", CONTEXT_LENGTH);
        instruction = required(instruction, "instruction", INSTRUCTION_LENGTH);
        format = optional(format, "format", FORMAT_LENGTH);
        tone = optional(tone, "tone", TONE_LENGTH);
        inputData = optional(inputData, "inputData", INPUT_DATA_LENGTH);
        thinkingPoints = items(thinkingPoints, "thinkingPoints");
        warnings = items(warnings, "warnings");
        tags = tags(tags);
    }

    /** A tag as stored, or a refusal naming {@code field}. */
    public static String tag(String value, String field) {
        String tag = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw invalid(field, "must be 1 to 30 letters a-z, digits or hyphens, starting with a letter or digit");
        }
        return tag;
    }

    private static String required(String value, String field, int maxLength) {
        String text = optional(value, field, maxLength);
        if (text == null) {
            throw invalid(field, "must not be blank");
        }
        return text;
    }

    /** Blank is left out; surrounding spaces are dropped. */
    private static String optional(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    private static List<String> items(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > LIST_ITEMS) {
            throw invalid(field, "must hold at most " + LIST_ITEMS + " items");
        }
        List<String> items = new ArrayList<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw invalid(field, "must not hold blank items");
            }
            if (value.strip().length() > LIST_ITEM_LENGTH) {
                throw invalid(field, "items must be at most " + LIST_ITEM_LENGTH + " characters");
            }
            items.add(value.strip());
        }
        return List.copyOf(items);
    }

    private static List<String> tags(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : values) {
            tags.add(tag(value, "tags"));
        }
        if (tags.size() > TAGS) {
            throw invalid("tags", "must hold at most " + TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    private static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
