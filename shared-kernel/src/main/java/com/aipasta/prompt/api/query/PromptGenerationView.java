package com.aipasta.prompt.api.query;

import com.aipasta.chat.api.value.TokenCount;

import java.time.Instant;
import java.util.List;

/**
 * A prompt generation as its owner sees it: {@code status} {@code generated} or {@code failed} (then
 * {@code errorCode}), {@code rating} null until rated, {@code templateIds} the templates saved from it.
 */
public record PromptGenerationView(String id, String input, String prompt, String category,
                                   List<String> improvements, String modelId, String provider, String status,
                                   String errorCode, TokenCount usage, Integer rating, List<String> templateIds,
                                   Instant createdAt, long version) {
}
