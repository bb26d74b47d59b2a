package com.aipasta.command.embedding;

import com.aipasta.command.auth.AccessToken;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.value.WalletBalance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings over HTTP: {@code input} is one text or an array of texts, each turned into one vector by an embedding
 * model of the catalogue; the answer says what was paid ({@code usage}) and the wallet after it.
 */
@RestController
@EnableConfigurationProperties(EmbeddingProperties.class)
public class EmbeddingController {

    /** {@code requestId} makes a retry safe: a request id already paid for is refused, not paid again. */
    public record EmbeddingBody(@NotNull Object input, @NotBlank @Size(max = 300) String modelId,
                                @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+") String requestId) {
    }

    /** One text's vector, by the text's position in {@code input}. */
    public record IndexedEmbedding(int index, double[] embedding) {
    }

    private final EmbeddingRequests embeddings;
    private final EmbeddingProperties properties;

    public EmbeddingController(EmbeddingRequests embeddings, EmbeddingProperties properties) {
        this.embeddings = embeddings;
        this.properties = properties;
    }

    @PostMapping("/api/embeddings")
    public Map<String, Object> embed(@AuthenticationPrincipal AccessToken caller,
                                     @Valid @RequestBody EmbeddingBody body) {
        EmbeddingRequests.EmbeddingResult result = embeddings.embed(new EmbeddingRequests.EmbeddingRequest(
                caller.userId(), body.modelId(), inputs(body.input()), body.requestId()));
        List<IndexedEmbedding> data = new ArrayList<>();
        for (int i = 0; i < result.vectors().size(); i++) {
            data.add(new IndexedEmbedding(i, result.vectors().get(i)));
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("promptTokens", result.promptTokens());
        usage.put("totalTokens", result.promptTokens());
        usage.put("reported", result.usageReported());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model", result.model().id());
        answer.put("data", data);
        answer.put("usage", usage);
        answer.put("wallet", result.wallet() == null ? null : walletOf(result.wallet()));
        return answer;
    }

    static Map<String, Object> walletOf(WalletBalance wallet) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("balance", wallet.balance());
        shown.put("freeTokens", wallet.freeTokens());
        shown.put("purchasedTokens", wallet.purchasedTokens());
        shown.put("usedTokens", wallet.usedTokens());
        shown.put("reserved", wallet.reserved());
        return shown;
    }

    /** The texts of {@code input}, a JSON text or array, as the strict JSON reader checked them. */
    private List<String> inputs(Object input) {
        List<?> texts = input instanceof List<?> list ? list : List.of(input);
        if (texts.isEmpty() || texts.size() > properties.maxInputs()) {
            throw invalid("must be a text or an array of 1 to " + properties.maxInputs() + " texts");
        }
        List<String> inputs = new ArrayList<>();
        for (Object text : texts) {
            if (!(text instanceof String string) || string.isBlank()) {
                throw invalid("every input must be a text that is not blank");
            }
            if (string.length() > properties.maxInputLength()) {
                throw invalid("every input must have at most " + properties.maxInputLength() + " characters");
            }
            inputs.add(string);
        }
        return inputs;
    }

    private static DomainException invalid(String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "Invalid input: " + reason,
                Map.of("input", reason));
    }
}
