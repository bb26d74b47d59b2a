package com.aipasta.chat.api.value;

/** Sampling settings for one answer; a null field means the model's default. */
public record GenerationOptions(Double temperature, Integer maxTokens, Double topP) {

    public static final GenerationOptions DEFAULTS = new GenerationOptions(null, null, null);
}
