package com.aipasta.command.chat.provider;

import java.math.BigDecimal;
import java.util.List;

/**
 * A model as its provider describes it. {@code id} is the provider's own model id; prices are in USD per 1,000
 * tokens (zero for free models); {@code contextLength} is 0 when unknown. A model whose capabilities include
 * {@link #EMBEDDING} turns texts into vectors and does not chat.
 */
public record ProviderModel(String id, String name, String description, BigDecimal promptPricePer1k,
                            BigDecimal completionPricePer1k, int contextLength, List<String> capabilities,
                            boolean free) {

    public static final String EMBEDDING = "embedding";

    /** This model as an embedding model: it reads text and answers vectors, so it generates nothing to pay for. */
    public ProviderModel asEmbeddingModel() {
        return new ProviderModel(id, name, description, promptPricePer1k, BigDecimal.ZERO, contextLength,
                List.of(EMBEDDING), free);
    }
}
