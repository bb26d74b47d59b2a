package com.aipasta.command.chat.turn;

import com.aipasta.command.chat.session.SessionHistory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How far back a turn reads a branch: until the messages after the newest cost more than the context at least. */
class ContextFilledTest {

    private static final TokenCounter TOKENS = new TokenCounter();

    private static SessionHistory.Message message(SessionHistory.Speaker speaker, String text) {
        return new SessionHistory.Message("m", null, speaker, text, List.of());
    }

    @Test
    void theNewestIsLeftAsideAndEachOtherCostsItsTokensAndItsFormatting() {
        ContextFilled filled = new ContextFilled(TOKENS, 2 * (2 + TokenCounter.PER_MESSAGE));

        assertThat(filled.test(message(SessionHistory.Speaker.ASSISTANT, "hello world ".repeat(100)))).isFalse();
        assertThat(filled.test(message(SessionHistory.Speaker.USER, "hello world"))).isFalse();
        assertThat(filled.test(message(SessionHistory.Speaker.TOOL, "hello world"))).isFalse();
        assertThat(filled.test(message(SessionHistory.Speaker.USER, ""))).isTrue();
    }

    @Test
    void anEmptyAnswerCostsNothing() {
        ContextFilled filled = new ContextFilled(TOKENS, TokenCounter.PER_MESSAGE);

        assertThat(filled.test(message(SessionHistory.Speaker.USER, "the newest"))).isFalse();
        for (int i = 0; i < 1_000; i++) {
            assertThat(filled.test(message(SessionHistory.Speaker.ASSISTANT, ""))).isFalse();
        }
        assertThat(filled.test(message(SessionHistory.Speaker.ASSISTANT, "x"))).isTrue();
    }
}
