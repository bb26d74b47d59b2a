package com.aipasta.ops.models;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue endpoints on the running platform: routes, authentication and the error envelope. */
class ModelsHttpTest extends PlatformTest {

    @Test
    void requiresAuthentication() {
        assertThat(api.get("/api/models", null).status()).isEqualTo(401);
        assertThat(api.get("/api/models/providers", null).status()).isEqualTo(401);
    }

    @Test
    void listsEveryProviderWhetherConfiguredOrNot() {
        String token = register().token();

        HttpApi.Reply models = api.get("/api/models", token);
        HttpApi.Reply providers = api.get("/api/models/providers", token);

        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body().path("status").asText()).isEqualTo("success");
        assertThat(models.data().path("pagination").path("page").asInt()).isEqualTo(1);
        assertThat(models.data().path("pagination").path("limit").asInt()).isEqualTo(20);
        assertThat(providers.data().path("providers").findValuesAsText("id"))
                .containsExactlyInAnyOrder("openrouter", "huggingface", "gemini", "local");
        assertThat(api.get("/api/models/categories", token).status()).isEqualTo(200);
    }

    @Test
    void answersAnUnknownModelWith404AndABadSortOrLimitWith400() {
        String token = register().token();

        HttpApi.Reply missing = api.get("/api/models/openrouter/no-such-lab/no-such-model:free", token);
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
