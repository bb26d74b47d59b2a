package com.aipasta.command.chat.provider;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Model provider settings. A provider without a key (or, for the OpenAI-compatible one, without a base URL) is
 * not configured: the platform starts without it and says so.
 *
 * @param openrouter       OpenRouter
 * @param huggingface      the Hugging Face router
 * @param gemini           Google Gemini
 * @param openaiCompatible any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio)
 * @param timeouts         timeouts of every provider call
 */
@Validated
@ConfigurationProperties("aipasta.providers")
public record ProviderProperties(@DefaultValue @Valid OpenRouter openrouter,
                                 @DefaultValue @Valid HuggingFace huggingface,
                                 @DefaultValue @Valid Gemini gemini,
                                 @DefaultValue @Valid OpenAiCompatible openaiCompatible,
                                 @DefaultValue @Valid Timeouts timeouts) {

    /**
     * @param apiKey  API key ({@code OPENROUTER_API_KEY})
     * @param baseUrl API base URL ({@code OPENROUTER_BASE_URL})
     */
    public record OpenRouter(String apiKey, @DefaultValue("https://openrouter.ai/api/v1") @NotBlank String baseUrl) {
    }

    /**
     * @param apiKey  access token ({@code HUGGINGFACE_API_KEY})
     * @param baseUrl router base URL ({@code HUGGINGFACE_BASE_URL})
     */
    public record HuggingFace(String apiKey,
                              @DefaultValue("https://router.huggingface.co/v1") @NotBlank String baseUrl) {
    }

    /**
     * @param apiKey     API key ({@code GEMINI_API_KEY})
     * @param baseUrl    API base URL ({@code GEMINI_BASE_URL})
     * @param freeModels  Gemini model ids (without {@code models/}) the catalogue lists as free
     *                    ({@code GEMINI_FREE_MODELS}, comma-separated)
     * @param inlineLimit the largest request whose images go inline; the largest images of a larger one go through
     *                    Gemini's File API ({@code GEMINI_INLINE_LIMIT})
     */
    public record Gemini(String apiKey,
                         @DefaultValue("https://generativelanguage.googleapis.com/v1beta") @NotBlank String baseUrl,
                         @DefaultValue List<String> freeModels,
                         @DefaultValue("20MB") @NotNull DataSize inlineLimit) {
    }

    /**
     * @param baseUrl base URL up to {@code /v1}, e.g. {@code http://localhost:11434/v1}
     *                ({@code OPENAI_COMPATIBLE_BASE_URL}); blank leaves the provider unconfigured
     * @param apiKey  API key, sent only when set ({@code OPENAI_COMPATIBLE_API_KEY})
     * @param name    the provider's id in model ids and the catalogue ({@code OPENAI_COMPATIBLE_NAME})
     */
    public record OpenAiCompatible(String baseUrl, String apiKey,
                                   @DefaultValue("local") @Pattern(regexp = "[a-z0-9][a-z0-9_-]*") String name) {
    }

    /**
     * @param connect   connection timeout ({@code PROVIDER_CONNECT_TIMEOUT})
     * @param firstByte longest wait from sending a request to the first streamed event
     *                  ({@code PROVIDER_FIRST_BYTE_TIMEOUT})
     * @param idle      longest silence on an open connection, between chunks of a stream included
     *                  ({@code PROVIDER_IDLE_TIMEOUT})
     */
    public record Timeouts(@DefaultValue("10s") @NotNull Duration connect,
                           @DefaultValue("60s") @NotNull Duration firstByte,
                           @DefaultValue("60s") @NotNull Duration idle) {
    }
}
