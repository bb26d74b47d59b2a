package com.aipasta.command.chat.turn;

import com.aipasta.command.chat.session.SessionHistory;

import java.util.function.Predicate;

/**
 * Told a branch's messages newest first, says when no prompt could hold one older: when those told, the newest left
 * aside (a regeneration or an edit replaces it), cost more than the context's tokens at least. A message costs its
 * text's tokens and {@link TokenCounter#PER_MESSAGE} at least, and an empty answer nothing, as a prompt counts them.
 */
final class ContextFilled implements Predicate<SessionHistory.Message> {

    private final TokenCounter tokens;
    private final long contextTokens;
    private boolean newest = true;
    private long leastTokens;

    ContextFilled(TokenCounter tokens, long contextTokens) {
        this.tokens = tokens;
        this.contextTokens = contextTokens;
    }

    @Override
    public boolean test(SessionHistory.Message message) {
        if (newest) {
            newest = false;
        } else if (!message.emptyAnswer()) {
            leastTokens += tokens.count(message.content()) + TokenCounter.PER_MESSAGE;
        }
        return leastTokens > contextTokens;
    }
}
