package com.aipasta.chat.api.value;

/**
 * Whether a model that reasons should think before it answers, and how many tokens it may think for
 * ({@code budgetTokens}, null for the model's default). Thinking tokens are paid for like the answer's.
 */
public record Thinking(boolean enabled, Integer budgetTokens) {

    /** The tokens to reserve for thinking beyond the answer: the budget when thinking is on, else none. */
    public long reservedTokens() {
        return enabled && budgetTokens != null ? budgetTokens : 0;
    }
}
