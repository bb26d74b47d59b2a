package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider's failure reaches the user as its kind and a short sentence; its details stay in the log. */
class ProviderErrorsHttpTest extends PlatformTest {

    @Test
    void anUnreachableProviderIsReportedWithoutItsAddress() {
        Account account = register();

        HttpApi.Reply dropped = api.post("/api/chat", Map.of("message", "Hi [drop]", "modelId",
                FakeProviders.FREE_MODEL), account.token());

        assertThat(dropped.status()).isEqualTo(502);
        assertThat(dropped.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(dropped.body().path("details").path("providerError").asText()).isEqualTo("PROVIDER_CONNECTION");
        String body = dropped.raw().body();
        assertThat(body).contains("The model provider could not be reached")
                .doesNotContain("127.0.0.1").doesNotContain("localhost").doesNotContain("connection failed");
        assertThat(api.get("/api/user/wallet", account.token()).data().path("reserved").asLong()).isZero();
    }

    @Test
    void aProviderErrorBodyIsNotRelayed() {
        Account account = register();

        HttpApi.Reply broken = api.post("/api/chat", Map.of("message", "Hi [500]", "modelId",
                FakeProviders.FREE_MODEL), account.token());

        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.raw().body()).contains("The model provider is unavailable")
                .doesNotContain("answered HTTP").doesNotContain("Internal Server Error");
    }
}
