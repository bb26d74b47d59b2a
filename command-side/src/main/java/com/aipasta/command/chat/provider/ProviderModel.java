package com.aipasta.command.chat.provider;

import java.math.BigDecimal;
import java.util.List;

/**
 * A model as its provider describes it. {@code id} is the provider's own model id; prices are in USD per 1,000
 * tokens (zero for free models); {@code contextLength} is 0 when unknown.
 */
public record ProviderModel(String id, String name, String description, BigDecimal promptPricePer1k,
                            BigDecimal completionPricePer1k, int contextLength, List<String> capabilities,
                            boolean free) {
}
