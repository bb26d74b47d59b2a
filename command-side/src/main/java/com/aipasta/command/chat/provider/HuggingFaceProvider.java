package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The Hugging Face router: OpenAI-compatible chat completions in front of several inference providers. Its
 * catalogue lists, per model, the providers serving it with their prices in USD per million tokens; the catalogue
 * takes the cheapest. Embeddings go to the router's HF Inference feature-extraction pipeline, beside its
 * {@code /v1}: {@code POST {router}/hf-inference/models/{model}/pipeline/feature-extraction}.
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

    /** Feature extraction reports no usage: the caller pays by its own count of the inputs. */
    @Override
    public Embeddings embed(String model, List<String> inputs) {
        if (!configured()) {
            throw ProviderHttp.notConfiguredFailure(id());
        }
        ObjectNode body = http().json().createObjectNode();
        ArrayNode sent = body.putArray("inputs");
        inputs.forEach(sent::add);
        List<String> routerPath = baseUrl().pathSegments();
        HttpUrl.Builder url = baseUrl().newBuilder();
        if (!routerPath.isEmpty() && routerPath.get(routerPath.size() - 1).isEmpty()) {
            url.removePathSegment(routerPath.size() - 1);
            routerPath = routerPath.subList(0, routerPath.size() - 1);
        }
        if (!routerPath.isEmpty()) {
            url.removePathSegment(routerPath.size() - 1);
        }
        url.addPathSegment("hf-inference").addPathSegment("models").addPathSegments(model)
                .addPathSegment("pipeline").addPathSegment("feature-extraction");
        JsonNode answer = http().callJson(id(), request(url.build()).post(http().jsonBody(body)).build());
        List<double[]> vectors = new ArrayList<>();
        for (JsonNode vector : answer) {
            vectors.add(Embeddings.vector(id(), vector));
        }
        return Embeddings.of(id(), inputs.size(), vectors, null);
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
