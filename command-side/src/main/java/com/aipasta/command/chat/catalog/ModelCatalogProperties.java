package com.aipasta.command.chat.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Model catalogue settings.
 *
 * @param cacheTtl          how long a synced catalogue is served before it is synced again ({@code MODELS_CACHE_TTL})
 * @param preferredDefaults catalogue ids listed first among the free models, in this order, the first available of
 *                          them answering a turn that names no model ({@code PREFERRED_MODELS}, comma-separated)
 * @param requiredPlans     plan overrides as {@code catalogueId=plan} ({@code MODEL_REQUIRED_PLANS}, comma-separated);
 *                          other models require {@code free} when free and {@code premium} otherwise
 * @param embeddingModels   catalogue ids of embedding models ({@code EMBEDDING_MODELS}, comma-separated): listed by
 *                          their provider or not, they are offered for embeddings and not for chat; Gemini's
 *                          embedding models need no entry, its model list says which they are
 */
@Validated
@ConfigurationProperties("aipasta.models")
public record ModelCatalogProperties(@DefaultValue("15m") @NotNull Duration cacheTtl,
                                     @DefaultValue({"openrouter/meta-llama/llama-3.1-405b-instruct:free",
                                             "openrouter/deepseek/deepseek-r1:free",
                                             "openrouter/agentica/deepcoder:free"}) List<String> preferredDefaults,
                                     @DefaultValue List<@Pattern(regexp = "[^=]+=[a-z]+",
                                             message = "must be catalogueId=plan") String> requiredPlans,
                                     @DefaultValue List<@Pattern(regexp = "[^/]+/.+",
                                             message = "must be provider/modelId") String> embeddingModels) {

    /** The provider's own ids of the configured embedding models it serves. */
    public List<String> embeddingModelsOf(String provider) {
        return embeddingModels.stream()
                .filter(id -> id.startsWith(provider + "/"))
                .map(id -> id.substring(provider.length() + 1))
                .toList();
    }

    public Optional<String> requiredPlanOf(String catalogueId) {
        return requiredPlans.stream()
                .filter(entry -> entry.substring(0, entry.indexOf('=')).equals(catalogueId))
                .map(entry -> entry.substring(entry.indexOf('=') + 1))
                .findFirst();
    }
}
