package com.aipasta.command.template;

import com.aipasta.template.api.value.TemplateContent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatePromptTest {

    @Test
    void everySectionInItsOrder() {
        TemplateContent template = new TemplateContent("All", "ignored in the prompt", "a tutor", "school",
                "Explain it", "bullets", "friendly", "chapter 3", List.of("examples", "pitfalls"),
                List.of("no jargon"), true, false, List.of("school"));

        assertThat(TemplatePrompt.compose(template, "  fractions  ")).isEqualTo("""
                # Persona
                a tutor

                # Context
                school

                # Instruction
                Explain it

                # Input data
                chapter 3

                # Input
                fractions

                # Format
                bullets

                # Tone
                friendly

                # Thinking points
                - examples
                - pitfalls

                # Warnings
                - no jargon

                # Ask me
                Before you answer, ask me the questions you need answered to do this well.""");
    }

    @Test
    void emptySectionsAreLeftOut() {
        TemplateContent template = new TemplateContent("Few", null, null, null, "Summarise", null, null, null,
                null, null, false, false, null);

        assertThat(TemplatePrompt.compose(template, null)).isEqualTo("# Instruction\nSummarise");
        assertThat(TemplatePrompt.compose(template, " ")).isEqualTo("# Instruction\nSummarise");
        assertThat(TemplatePrompt.compose(template, "this")).isEqualTo("# Instruction\nSummarise\n\n# Input\nthis");
    }
}
