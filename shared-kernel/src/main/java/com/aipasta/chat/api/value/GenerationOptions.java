package com.aipasta.chat.api.value;

/** Sampling and thinking settings for one answer; a null field means the model's default. */
public record GenerationOptions(Double temperature, Integer maxTokens, Double topP, Thinking thinking) {

    public static final GenerationOptions DEFAULTS = new GenerationOptions(null, null, null, null);

    public GenerationOptions(Double temperature, Integer maxTokens, Double topP) {
        this(temperature, maxTokens, topP, null);
    }

    /** The tokens to reserve for thinking beyond the answer. */
    public long thinkingTokens() {
        return thinking == null ? 0 : thinking.reservedTokens();
    }
}
