package com.aipasta.command.template;

import com.aipasta.template.api.value.TemplateContent;

import java.util.ArrayList;
import java.util.List;

/**
 * Composes a template and an input into one prompt, always the same way: the sections below, in this order, each
 * only when it has something, as {@code # <heading>}, a line break and the text, separated by a blank line. Lists are
 * {@code - } items, one a line. {@code askMe} adds its fixed sentence.
 * <pre>
 * # Persona / # Context / # Instruction / # Input data / # Input / # Format / # Tone / # Thinking points /
 * # Warnings / # Ask me
 * </pre>
 */
public final class TemplatePrompt {

    static final String ASK_ME = "Before you answer, ask me the questions you need answered to do this well.";

    private TemplatePrompt() {
    }

    public static String compose(TemplateContent template, String input) {
        List<String> sections = new ArrayList<>();
        section(sections, "Persona", template.persona());
        section(sections, "Context", template.context());
        section(sections, "Instruction", template.instruction());
        section(sections, "Input data", template.inputData());
        section(sections, "Input", input == null || input.isBlank() ? null : input.strip());
        section(sections, "Format", template.format());
        section(sections, "Tone", template.tone());
        section(sections, "Thinking points", items(template.thinkingPoints()));
        section(sections, "Warnings", items(template.warnings()));
        section(sections, "Ask me", template.askMe() ? ASK_ME : null);
        return String.join("\n\n", sections);
    }

    private static void section(List<String> sections, String heading, String text) {
        if (text != null) {
            sections.add("# " + heading + "\n" + text);
        }
    }

    private static String items(List<String> items) {
        return items.isEmpty() ? null : "- " + String.join("\n- ", items);
    }
}
