package com.aipasta.command.chat.turn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts by the cl100k encoding; a text counted before gives the same count from what was kept of it. */
class TokenCounterTest {

    private final TokenCounter tokens = new TokenCounter();

    @Test
    void countsTextsAndMessagesWithTheirFormatting() {
        assertThat(tokens.count("hello world")).isEqualTo(2);
        assertThat(tokens.count("")).isZero();
        assertThat(tokens.count(null)).isZero();
        assertThat(tokens.countMessages(List.of("hello world", ""))).isEqualTo(2 + 2 * TokenCounter.PER_MESSAGE);
    }

    @Test
    void aTextCountedAgainKeepsItsOwnCount() {
        String longer = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        long first = tokens.count(longer);
        long other = tokens.count("hello world");

        assertThat(tokens.count(new String(longer.toCharArray()))).isEqualTo(first);
        assertThat(tokens.count("hello world")).isEqualTo(other);
        assertThat(first).isEqualTo(new TokenCounter().count(longer)).isGreaterThan(200 * 9);
    }
}
