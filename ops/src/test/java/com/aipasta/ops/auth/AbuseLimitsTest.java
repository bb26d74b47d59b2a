package com.aipasta.ops.auth;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.EventStreamClient;
import com.aipasta.ops.chat.FakeProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throttling and lockout on a platform with small limits: every request of this class comes from one client
 * address, so the test of the per-address login limit runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseLimitsTest {

    private static final String PASSWORD = "limits test passphrase";
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-limits-"),
                "--aipasta.limits.login-per-address=20/1h",
                "--aipasta.limits.login-per-account=5/1h",
                "--aipasta.limits.registration-per-address=8/1h",
                "--aipasta.limits.password-change-per-account=2/1h",
                "--aipasta.limits.lockout-failures=3",
                "--aipasta.limits.lockout-duration=1h",
                "--aipasta.limits.concurrent-streams.free=1",
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local");
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String register() {
        String email = "limits-" + UUID.randomUUID() + "@example.com";
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Limits"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return email;
    }

    private static HttpApi.Reply login(String email, String password) {
        return api.post("/api/auth/login", Map.of("email", email, "password", password), null);
    }

    private static void assertRateLimited(HttpApi.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(429);
        assertThat(reply.code()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(reply.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        assertThat(reply.body().path("details").path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
    }

    @Test
    @Order(1)
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightOne() {
        String victim = register();
        String bystander = register();

        for (int i = 0; i < 3; i++) {
            assertThat(login(victim, "not the password at all").status()).isEqualTo(401);
        }
        HttpApi.Reply locked = login(victim, PASSWORD);

        assertRateLimited(locked);
        assertThat(locked.raw().headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
                .isGreaterThan(Duration.ofMinutes(59).toSeconds());
        assertThat(login(bystander, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aSuccessfulLoginClearsEarlierFailures() {
        String email = register();
        assertThat(login(email, "not the password at all").status()).isEqualTo(401);
        assertThat(login(email, "not the password at all").status()).isEqualTo(401);
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);

        assertThat(login(email, "not the password at all").status()).isEqualTo(401);
        assertThat(login(email, "not the password at all").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void oneAccountCanBeTriedOnlySoOftenWhateverThePassword() {
        String email = register();
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, PASSWORD).status()).isEqualTo(200);
        }
        assertRateLimited(login(email, PASSWORD));
    }

    @Test
    @Order(4)
    void passwordChangesOfOneAccountAreLimited() {
        String email = register();
        String token = login(email, PASSWORD).data().path("token").asText();
        String current = PASSWORD;
        for (int i = 0; i < 2; i++) {
            String next = "changed passphrase number " + i;
            HttpApi.Reply changed = api.patch("/api/auth/password",
                    Map.of("currentPassword", current, "newPassword", next), token);
            assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
            token = changed.data().path("token").asText();
            current = next;
        }
        assertRateLimited(api.patch("/api/auth/password",
                Map.of("currentPassword", current, "newPassword", "yet another passphrase"), token));
    }

    @Test
    @Order(5)
    void aFreeUserHasOneAnswerGeneratingAtATime() {
        String email = register();
        String token = login(email, PASSWORD).data().path("token").asText();
        EventStreamClient events = new EventStreamClient(StandalonePlatform.port(platform));
        EventStreamClient.Stream first = events.postUntil("/api/chat", token,
                Map.of("message", "A long story [slow]", "modelId", FakeProviders.FREE_MODEL),
                event -> event.name().equals("delta"));
        String messageId = first.first("meta").data().path("messageId").asText();

        HttpApi.Reply second = api.post("/api/chat", Map.of("message", "Another", "modelId",
                FakeProviders.FREE_MODEL), token);

        assertRateLimited(second);
        assertThat(api.get("/api/user/wallet", token).data().path("reserved").asLong()).isPositive();
        assertThat(api.post("/api/chat/messages/" + messageId + "/stop", Map.of(), token).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/api/chat", Map.of("message", "Now",
                "modelId", FakeProviders.FREE_MODEL), token).status() == 200);
    }

    @Test
    @Order(6)
    void registrationsFromOneAddressAreLimited() {
        int registered = 0;
        HttpApi.Reply reply;
        do {
            reply = api.post("/api/auth/register", Map.of("email", "burst-" + UUID.randomUUID() + "@example.com",
                    "password", PASSWORD, "name", "Burst"), null);
            registered += reply.status() == 201 ? 1 : 0;
        } while (reply.status() == 201 && registered <= 8);

        assertRateLimited(reply);
        assertThat(registered).isLessThan(8);
    }

    @Test
    @Order(7)
    void loginsFromOneAddressAreLimitedAcrossAccounts() {
        HttpApi.Reply reply;
        int attempts = 0;
        do {
            reply = login("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
            attempts++;
        } while (reply.status() == 401 && attempts <= 20);

        assertRateLimited(reply);
        assertThat(attempts).isLessThanOrEqualTo(20);
    }
}
