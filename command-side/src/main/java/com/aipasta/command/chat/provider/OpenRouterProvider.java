package com.aipasta.command.chat.provider;

import com.aipasta.chat.api.value.Thinking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** OpenRouter: OpenAI-compatible chat completions; its catalogue prices models in USD per token, as strings. */
@Component
public class OpenRouterProvider extends OpenAiStyleProvider {

    public OpenRouterProvider(ProviderHttp http, ProviderProperties properties) {
        super(http, properties.openrouter().baseUrl(), properties.openrouter().apiKey());
    }

    @Override
    public String id() {
        return "openrouter";
    }

    @Override
    public boolean configured() {
        return hasApiKey();
    }

    /**
     * OpenRouter's {@code reasoning}: with thinking on, its token budget ({@code max_tokens}) or, with none given,
     * {@code enabled}; with thinking off, the reasoning is left out of the answer ({@code exclude}).
     */
    @Override
    protected void addThinking(ObjectNode body, Thinking thinking) {
        ObjectNode reasoning = body.putObject("reasoning");
        if (!thinking.enabled()) {
            reasoning.put("exclude", true);
        } else if (thinking.budgetTokens() != null) {
            reasoning.put("max_tokens", thinking.budgetTokens());
        } else {
            reasoning.put("enabled", true);
        }
    }

    @Override
    protected ProviderModel toModel(JsonNode model) {
        String id = model.path("id").asText();
        BigDecimal prompt = pricePer1k(model.path("pricing").path("prompt"));
        BigDecimal completion = pricePer1k(model.path("pricing").path("completion"));
        List<String> capabilities = new ArrayList<>();
        model.path("architecture").path("input_modalities").forEach(modality -> capabilities.add(modality.asText()));
        List<String> parameters = new ArrayList<>();
        model.path("supported_parameters").forEach(parameter -> parameters.add(parameter.asText()));
        if (parameters.contains("reasoning")) {
            capabilities.add("reasoning");
        }
        if (parameters.contains("tools")) {
            capabilities.add("tools");
        }
        boolean free = id.endsWith(":free") || prompt != null && completion != null
                && prompt.signum() == 0 && completion.signum() == 0;
        return new ProviderModel(id, model.path("name").asText(id), model.path("description").asText(null),
                orZero(prompt), orZero(completion), model.path("context_length").asInt(0),
                List.copyOf(capabilities), free);
    }

    /** USD per 1,000 tokens, or null when unknown; OpenRouter marks variable prices (its auto router) with -1. */
    private static BigDecimal pricePer1k(JsonNode perToken) {
        if (!perToken.isTextual() && !perToken.isNumber()) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(perToken.asText());
            return price.signum() < 0 ? null : price.movePointRight(3).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal orZero(BigDecimal price) {
        return price == null ? BigDecimal.ZERO : price;
    }
}
