package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The Hugging Face router: OpenAI-compatible chat completions in front of several inference providers. Its
 * catalogue lists, per model, the providers serving it with their prices in USD per million tokens; the catalogue
 * takes the cheapest.
 */
@Component
public class HuggingFaceProvider extends OpenAiStyleProvider {

    public HuggingFaceProvider(ProviderHttp http, ProviderProperties properties) {
        super(http, properties.huggingface().baseUrl(), properties.huggingface().apiKey());
    }

    @Override
    public String id() {
        return "huggingface";
    }

    @Override
    public boolean configured() {
        return hasApiKey();
    }

    @Override
    protected ProviderModel toModel(JsonNode model) {
        String id = model.path("id").asText();
        List<JsonNode> servedBy = StreamSupport.stream(model.path("providers").spliterator(), false).toList();
        JsonNode cheapest = servedBy.stream()
                .filter(HuggingFaceProvider::isPriced)
                .min(Comparator.comparing(HuggingFaceProvider::pricePerMillion))
                .orElse(servedBy.isEmpty() ? MissingNode.getInstance() : servedBy.get(0));
        boolean priced = isPriced(cheapest);
        BigDecimal prompt = priced ? per1k(cheapest.path("pricing").path("input")) : BigDecimal.ZERO;
        BigDecimal completion = priced ? per1k(cheapest.path("pricing").path("output")) : BigDecimal.ZERO;
        List<String> capabilities = new ArrayList<>();
        model.path("architecture").path("input_modalities").forEach(modality -> capabilities.add(modality.asText()));
        if (capabilities.isEmpty()) {
            capabilities.add("text");
        }
        if (servedBy.stream().anyMatch(provider -> provider.path("supports_tools").asBoolean(false))) {
            capabilities.add("tools");
        }
        return new ProviderModel(id, id, null, prompt, completion, cheapest.path("context_length").asInt(0),
                List.copyOf(capabilities), priced && prompt.signum() == 0 && completion.signum() == 0);
    }

    private static boolean isPriced(JsonNode provider) {
        JsonNode pricing = provider.path("pricing");
        return pricing.path("input").isNumber() && pricing.path("output").isNumber();
    }

    private static BigDecimal pricePerMillion(JsonNode provider) {
        JsonNode pricing = provider.path("pricing");
        return pricing.path("input").decimalValue().add(pricing.path("output").decimalValue());
    }

    private static BigDecimal per1k(JsonNode perMillion) {
        return perMillion.decimalValue().movePointLeft(3).stripTrailingZeros();
    }
}
