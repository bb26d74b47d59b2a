package com.aipasta.ops.models;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue endpoints on the running platform, where no provider is configured. */
class ModelsHttpTest extends PlatformTest {

    @Test
    void requiresAuthentication() {
        assertThat(api.get("/api/models", null).status()).isEqualTo(401);
        assertThat(api.get("/api/models/providers", null).status()).isEqualTo(401);
    }

    @Test
    void listsEveryProviderAsNotConfiguredAndNoModels() {
        String token = register().token();

        HttpApi.Reply models = api.get("/api/models", token);
        HttpApi.Reply providers = api.get("/api/models/providers", token);

        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body().path("status").asText()).isEqualTo("success");
        assertThat(models.data().path("models")).isEmpty();
        assertThat(models.data().path("pagination").path("total").asLong()).isZero();
        assertThat(providers.data().path("providers").findValuesAsText("id"))
                .containsExactlyInAnyOrder("openrouter", "huggingface", "gemini", "local");
        assertThat(providers.data().path("providers").findValues("configured"))
                .allSatisfy(configured -> assertThat(configured.asBoolean()).isFalse());
        assertThat(api.get("/api/models/categories", token).data().path("categories")).isEmpty();
    }

    @Test
    void answersAnUnknownModelWith404AndABadSortOrLimitWith400() {
        String token = register().token();

        HttpApi.Reply missing = api.get("/api/models/openrouter/meta-llama/llama-3.3-70b-instruct:free", token);
        HttpApi.Reply badSort = api.get("/api/models?sort=cheapest", token);
        HttpApi.Reply badLimit = api.get("/api/models?limit=101", token);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOT_FOUND");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(badSort.body().path("details").has("sort")).isTrue();
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().path("details").has("limit")).isTrue();
    }
}
