package com.aipasta.chat.api.value;

/** Tokens a model read and wrote for one answer. */
public record TokenCount(long promptTokens, long completionTokens, long totalTokens) {

    public static final TokenCount NONE = new TokenCount(0, 0, 0);

    public static TokenCount of(long promptTokens, long completionTokens) {
        return new TokenCount(promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
