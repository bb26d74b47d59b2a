package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared platform has no SMTP server: everything that would send a code says so, and nothing else changes. */
class EmailDisabledHttpTest extends PlatformTest {

    @Test
    void everyCodeEndpointAnswersThatMailIsOff() {
        Account account = register();
        Map<String, Map<String, String>> requests = Map.of(
                "/api/auth/verify-email", Map.of("email", account.email(), "otp", "123456"),
                "/api/auth/resend-otp", Map.of("email", account.email()),
                "/api/auth/forgot-password", Map.of("email", account.email()),
                "/api/auth/verify-reset-otp", Map.of("email", account.email(), "otp", "123456"),
                "/api/auth/reset-password", Map.of("email", account.email(), "otp", "123456",
                        "newPassword", "another long passphrase"));
        requests.forEach((path, body) -> {
            HttpApi.Reply reply = api.post(path, body, null);
            assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("EMAIL_DISABLED");
            assertThat(reply.body().path("message").asText()).contains("SMTP_HOST");
        });
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null)
                .status()).isEqualTo(200);
    }

    @Test
    void healthSaysMailIsOff() {
        HttpApi.Reply health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.data().path("email").path("status").asText()).isEqualTo("off");
        assertThat(health.data().path("email").path("verificationRequired").asBoolean()).isFalse();
        assertThat(health.data().path("email").path("note").asText()).contains("SMTP_HOST");
    }

    @Test
    void withoutRequiredVerificationAnUnverifiedUserIsNotHeldBack() {
        Account account = register();
        HttpApi.Reply me = api.get("/api/auth/me", account.token());
        assertThat(me.data().path("user").path("emailVerified").asBoolean()).isFalse();
        HttpApi.Reply chat = api.post("/api/chat", Map.of("message", "Hello", "modelId", FakeProviders.FREE_MODEL),
                account.token());
        assertThat(chat.status()).as(chat.body().toString()).isEqualTo(200);
    }
}
