package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) at a configured base URL, under a configured id.
 * Its models run on hardware the operator pays for already, so the catalogue lists them as free.
 */
@Component
public class OpenAiCompatibleProvider extends OpenAiStyleProvider {

    private final String id;

    public OpenAiCompatibleProvider(ProviderHttp http, ProviderProperties properties) {
        super(http, properties.openaiCompatible().baseUrl(), properties.openaiCompatible().apiKey());
        this.id = properties.openaiCompatible().name();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean configured() {
        return hasBaseUrl();
    }

    @Override
    protected ProviderModel toModel(JsonNode model) {
        String modelId = model.path("id").asText();
        // vLLM reports the context length as max_model_len; Ollama, llama.cpp and LM Studio report none
        return new ProviderModel(modelId, modelId, null, BigDecimal.ZERO, BigDecimal.ZERO,
                model.path("max_model_len").asInt(0), List.of("text"), true);
    }
}
