package com.aipasta.command.prompt;

import com.aipasta.chat.api.value.PromptCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptAnswerTest {

    private static final PromptCategory DETECTED = PromptCategory.WRITING;

    @Test
    void readsAWellFormedAnswer() {
        PromptAnswer.Parsed parsed = PromptAnswer.parse("""
                {"prompt": " Write a haiku about rain. ", "category": "Writing",
                 "improvements": ["named the form", " added the subject "]}""", DETECTED).orElseThrow();

        assertThat(parsed.prompt()).isEqualTo("Write a haiku about rain.");
        assertThat(parsed.category()).isEqualTo(PromptCategory.WRITING);
        assertThat(parsed.improvements()).containsExactly("named the form", "added the subject");
    }

    @Test
    void readsAnAnswerInsideACodeFence() {
        assertThat(PromptAnswer.parse("```json\n{\"prompt\":\"p\",\"category\":\"coding\",\"improvements\":[]}\n```",
                DETECTED).orElseThrow().category()).isEqualTo(PromptCategory.CODING);
        assertThat(PromptAnswer.parse("```\n{\"prompt\":\"p\",\"improvements\":[]}\n```", DETECTED)).isPresent();
    }

    @Test
    void anUnknownOrMissingCategoryIsTheOneDetected() {
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"category\":\"poetry\",\"improvements\":[]}", DETECTED)
                .orElseThrow().category()).isEqualTo(DETECTED);
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"improvements\":[]}", DETECTED).orElseThrow().category())
                .isEqualTo(DETECTED);
    }

    @Test
    void refusesWhatIsNotInTheFormatAskedFor() {
        assertThat(PromptAnswer.parse("Sure! Here is a better prompt: write a haiku.", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("Here: {\"prompt\":\"p\",\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"improvements\":[]} and more", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("[\"p\"]", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\"}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\" \",\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":7,\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"improvements\":\"more detail\"}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"improvements\":[1]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"p\",\"prompt\":\"q\",\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"a\\u0000b\",\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("{\"prompt\":\"" + "p".repeat(PromptAnswer.PROMPT_LENGTH + 1)
                + "\",\"improvements\":[]}", DETECTED)).isEmpty();
        assertThat(PromptAnswer.parse("", DETECTED)).isEmpty();
    }
}
