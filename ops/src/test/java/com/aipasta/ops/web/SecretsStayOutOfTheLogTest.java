package com.aipasta.ops.web;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.payment.FakeRazorpay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run of the platform, as its own process, through registration, logins right and wrong, a password change,
 * chat turns (one failing at the provider), an order, refused tokens and a scrape: its log names no secret, password,
 * key or issued token.
 */
class SecretsStayOutOfTheLogTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void aWholeRunLogsNoSecretPasswordKeyOrToken() throws Exception {
        String jwtSecret = "jwt-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String emailKey = "lookup-" + UUID.randomUUID();
        String openRouterKey = "sk-or-" + UUID.randomUUID();
        String localKey = "local-key-" + UUID.randomUUID();
        String scrapeToken = "scrape-" + UUID.randomUUID();
        String password = "first passphrase " + UUID.randomUUID();
        String wrongPassword = "wrong passphrase " + UUID.randomUUID();
        String newPassword = "second passphrase " + UUID.randomUUID();
        Path log = logs.resolve("platform.log");
        List<String> tokens = new ArrayList<>();

        Process platform = StandalonePlatform.startProcess(dataDir, log,
                "--aipasta.auth.jwt-secret=" + jwtSecret,
                "--aipasta.auth.lookup-key=" + emailKey,
                "--aipasta.providers.openrouter.api-key=" + openRouterKey,
                "--aipasta.providers.openrouter.base-url=" + FakeProviders.openRouterUrl(),
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.api-key=" + localKey,
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.razorpay.key-id=" + FakeRazorpay.KEY_ID,
                "--aipasta.razorpay.key-secret=" + FakeRazorpay.KEY_SECRET,
                "--aipasta.razorpay.webhook-secret=" + FakeRazorpay.WEBHOOK_SECRET,
                "--aipasta.razorpay.base-url=" + FakeRazorpay.baseUrl(),
                "--aipasta.web-security.prometheus-token=" + scrapeToken);
        try {
            HttpApi api = StandalonePlatform.api(platform);
            String email = "logged-" + UUID.randomUUID() + "@example.com";
            HttpApi.Reply registered = api.post("/api/auth/register",
                    Map.of("email", email, "password", password, "name", "Logged"), null);
            assertThat(registered.status()).isEqualTo(201);
            tokens.add(registered.data().path("token").asText());
            assertThat(api.post("/api/auth/login", Map.of("email", email, "password", wrongPassword), null)
                    .status()).isEqualTo(401);
            String token = api.post("/api/auth/login", Map.of("email", email, "password", password), null)
                    .data().path("token").asText();
            tokens.add(token);
            HttpApi.Reply changed = api.patch("/api/auth/password",
                    Map.of("currentPassword", password, "newPassword", newPassword), token);
            assertThat(changed.status()).isEqualTo(200);
            token = changed.data().path("token").asText();
            tokens.add(token);
            assertThat(api.post("/api/chat", Map.of("message", "Hi", "modelId", FakeProviders.FREE_MODEL), token)
                    .status()).isEqualTo(200);
            assertThat(api.post("/api/chat", Map.of("message", "Hi", "modelId", FakeProviders.FREE_ROUTER_MODEL),
                    token).status()).isEqualTo(200);
            assertThat(api.post("/api/chat", Map.of("message", "Hi [drop]", "modelId", FakeProviders.FREE_MODEL),
                    token).status()).isEqualTo(502);
            assertThat(api.post("/api/plans/plan-starter/create-order", Map.of(), token).status()).isEqualTo(200);
            assertThat(api.get("/api/auth/me", tokens.get(0)).status()).isEqualTo(401);
            assertThat(api.get("/api/auth/me", token + "tampered").status()).isEqualTo(401);
            assertThat(api.send(api.request("/actuator/prometheus", null).header("Accept", "text/plain")
                    .header("Authorization", "Bearer " + scrapeToken).GET()).status()).isEqualTo(200);
            assertThat(api.post("/api/auth/logout", Map.of(), token).status()).isEqualTo(200);
        } finally {
            StandalonePlatform.kill(platform);
        }

        String written = Files.readString(log);
        assertThat(written).contains("Started PlatformApplication");
        List<String> secrets = new ArrayList<>(List.of(jwtSecret, emailKey, openRouterKey, localKey, scrapeToken,
                password, wrongPassword, newPassword, FakeRazorpay.KEY_SECRET, FakeRazorpay.WEBHOOK_SECRET));
        secrets.addAll(tokens);
        for (String secret : secrets) {
            assertThat(written).as("the log holds a secret").doesNotContain(secret);
        }
    }
}
