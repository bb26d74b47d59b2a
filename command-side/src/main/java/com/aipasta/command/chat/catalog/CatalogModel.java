package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.query.ModelPolicyView;
import com.aipasta.command.chat.provider.ProviderModel;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A model as the platform offers it. {@code id} is {@code {provider}/{providerModelId}}, e.g.
 * {@code openrouter/meta-llama/llama-3.3-70b-instruct:free}; prices are USD per 1,000 tokens. {@code reasoning} says
 * whether it thinks before answering, which {@code options.thinking} of a turn sets. {@code type} is {@code chat} or
 * {@code embedding}: an embedding model answers {@code POST /api/embeddings} and no chat turn.
 */
public record CatalogModel(String id, String provider, String providerModelId, String name, String description,
                           BigDecimal promptPricePer1k, BigDecimal completionPricePer1k, int contextLength,
                           List<String> capabilities, boolean free, String requiredPlan, String tier,
                           String category, long popularity) {

    static CatalogModel of(String provider, ProviderModel model, String requiredPlanOverride) {
        String defaultPlan = model.free() ? "free" : "premium";
        return new CatalogModel(provider + "/" + model.id(), provider, model.id(), model.name(), model.description(),
                model.promptPricePer1k(), model.completionPricePer1k(), model.contextLength(),
                List.copyOf(model.capabilities()), model.free(),
                requiredPlanOverride == null ? defaultPlan : requiredPlanOverride,
                model.free() ? "standard" : "premium", categoryOf(model), 0);
    }

    /** This model as an administrator's policy, if any, sets the plan it requires. */
    CatalogModel withPolicy(ModelPolicyView policy) {
        if (policy == null || policy.requiredPlan() == null || policy.requiredPlan().equals(requiredPlan)) {
            return this;
        }
        return new CatalogModel(id, provider, providerModelId, name, description, promptPricePer1k,
                completionPricePer1k, contextLength, capabilities, free, policy.requiredPlan(), tier, category,
                popularity);
    }

    @JsonProperty("reasoning")
    public boolean reasoning() {
        return capabilities.contains("reasoning");
    }

    @JsonProperty("type")
    public String type() {
        return embedding() ? "embedding" : "chat";
    }

    public boolean embedding() {
        return capabilities.contains(ProviderModel.EMBEDDING);
    }

    /** The categories a model can have, as {@link #categoryOf} gives them. */
    public static final List<String> CATEGORIES = List.of("coding", "reasoning", "vision", "general");

    CatalogModel withPopularity(long turns) {
        return new CatalogModel(id, provider, providerModelId, name, description, promptPricePer1k,
                completionPricePer1k, contextLength, capabilities, free, requiredPlan, tier, category, turns);
    }

    BigDecimal price() {
        return promptPricePer1k.add(completionPricePer1k);
    }

    private static String categoryOf(ProviderModel model) {
        if (model.name().toLowerCase(Locale.ROOT).contains("code")) {
            return "coding";
        }
        if (model.capabilities().contains("reasoning")) {
            return "reasoning";
        }
        if (model.capabilities().contains("image")) {
            return "vision";
        }
        return "general";
    }
}
