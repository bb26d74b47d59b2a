package com.aipasta.command.embedding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Embedding request limits.
 *
 * @param maxInputs      the most texts one request may embed ({@code EMBEDDING_MAX_INPUTS})
 * @param maxInputLength the most characters of one text ({@code EMBEDDING_MAX_INPUT_LENGTH})
 */
@Validated
@ConfigurationProperties("aipasta.embeddings")
public record EmbeddingProperties(@DefaultValue("100") @Min(1) @Max(2048) int maxInputs,
                                  @DefaultValue("32000") @Min(1) @Max(1_000_000) int maxInputLength) {
}
