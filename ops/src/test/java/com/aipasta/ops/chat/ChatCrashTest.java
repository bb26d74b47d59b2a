package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform goes down while an answer streams; a fresh platform on the same data fails the interrupted
 * answer and releases or settles its reservation once the reservation timeout has passed.
 */
class ChatCrashTest {

    private static final String PASSWORD = "crash test password";

    @TempDir
    Path dataDir;

    @Test
    void aReservationNeverOutlivesItsTimeoutAcrossARestart() {
        String token;
        String messageId;
        try (ConfigurableApplicationContext doomed = start()) {
            HttpApi api = StandalonePlatform.api(doomed);
            token = api.post("/api/auth/register", Map.of("email", "crash@example.com", "password", PASSWORD,
                    "name", "Crash"), null).data().path("token").asText();
            EventStreamClient.Stream opening = new EventStreamClient(StandalonePlatform.port(doomed)).postUntil("/api/chat", token,
                    Map.of("message", "A long story [slow]", "modelId", FakeProviders.FREE_MODEL),
                    event -> event.name().equals("delta"));
            messageId = opening.first("meta").data().path("messageId").asText();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    api.get("/api/user/wallet", token).data().path("reserved").asLong() > 0);
            await().pollDelay(Duration.ofMillis(600)).until(() -> true);
        }

        try (ConfigurableApplicationContext revived = start()) {
            HttpApi api = StandalonePlatform.api(revived);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode tokens = api.get("/api/user/wallet", token).data();
                assertThat(tokens.path("reserved").asLong()).isZero();
            });
            JsonNode message = api.get("/api/chat/messages/" + messageId + "/stream", token).data().path("message");
            assertThat(message.path("status").asText()).isIn("partial", "failed");
            assertThat(message.path("errorCode").asText()).isEqualTo("TIMEOUT");
            JsonNode tokens = api.get("/api/user/wallet", token).data();
            long billed = message.path("usage").path("totalTokens").asLong();
            assertThat(message.path("usage").path("promptTokens").asLong()).as("the prompt is billed").isPositive();
            assertThat(tokens.path("balance").asLong()).isEqualTo(10_000 - billed);
            assertThat(tokens.path("usedTokens").asLong()).isEqualTo(billed);
        }
    }

    private ConfigurableApplicationContext start() {
        return StandalonePlatform.start(dataDir,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.chat.reservation-timeout=3s",
                "--aipasta.chat.sweep-interval=500ms",
                "--aipasta.chat.checkpoint-interval=200ms");
    }
}
