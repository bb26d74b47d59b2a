package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

class LoremTest {

    private final Lorem lorem = new Lorem();

    @Test
    void givesTheFirstWordsOfTheClassicPassageAsASentence() {
        assertThat(ToolAssertions.run(lorem, Map.of("count", 5))).containsEntry("text", "Lorem ipsum dolor sit amet.");
        assertThat(ToolAssertions.run(lorem, Map.of("count", 1))).containsEntry("text", "Lorem.");
    }

    @Test
    void givesExactlyTheWordsAskedForInTwelveWordSentences() {
        String text = (String) ToolAssertions.run(lorem, Map.of("unit", "words", "count", Lorem.MAX_WORDS))
                .get("text");

        assertThat(text.split(" ")).hasSize(Lorem.MAX_WORDS);
        assertThat(text.split("\\. ")).hasSize(Lorem.MAX_WORDS / 12 + 1);
        assertThat(text).endsWith(".");
    }

    @Test
    void givesParagraphsCyclingThroughThePassage() {
        Map<String, Object> result = ToolAssertions.run(lorem, Map.of("unit", "paragraphs", "count", 7));

        List<?> paragraphs = (List<?>) result.get("paragraphs");
        assertThat(paragraphs).hasSize(7);
        assertThat(paragraphs.get(0)).isEqualTo(Lorem.PARAGRAPHS.get(0));
        assertThat(paragraphs.get(5)).isEqualTo(Lorem.PARAGRAPHS.get(0));
        assertThat((String) result.get("text")).contains("\n\n");
    }

    @Test
    void boundsTheCountByUnit() {
        refused(() -> ToolAssertions.run(lorem, Map.of("count", 0)), "count", "between 1 and 2000");
        refused(() -> ToolAssertions.run(lorem, Map.of("count", Lorem.MAX_WORDS + 1)), "count", "between 1 and 2000");
        refused(() -> ToolAssertions.run(lorem, Map.of("unit", "paragraphs", "count", 51)), "count",
                "between 1 and 50");
        refused(() -> ToolAssertions.run(lorem, Map.of("count", 2.5)), "count", "whole number");
        refused(() -> ToolAssertions.run(lorem, Map.of("unit", "pages", "count", 2)), "unit", "must be one of");
    }
}
