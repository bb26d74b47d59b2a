package com.aipasta.ops.cluster;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformRole;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.projection.ProjectionPlacement;
import com.aipasta.ops.projection.Projections;
import com.aipasta.ops.storage.EventStoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A command node ({@code PLATFORM_ROLE=command}) projects the read models only while no query node is up: alone it
 * runs them and answers every command; once a query node is up it stops them and answers from what the query node
 * projects; when that query node stops, it takes them over again, and nothing recorded meanwhile is missed.
 */
class ProjectionPlacementTest {

    private static final String PASSWORD = "placement test password";
    private static final Duration QUERY_NODE_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aCommandNodeProjectsTheReadModelsExactlyWhileNoQueryNodeIsUp() throws IOException {
        Path directory = TemporaryDirectories.create("aipasta-placement-");
        try (SharedDatabase database = new SharedDatabase(directory);
             ConfigurableApplicationContext commandNode = StandalonePlatform.start(directory.resolve("command"),
                     settings("command", database.uri()))) {
            HttpApi commands = StandalonePlatform.api(commandNode);
            assertThat(runningReadModels(commandNode)).isEqualTo(Projections.names().size());
            String alone = register(commands, "alone");
            assertThat(commands.get("/api/user/wallet", alone).data().path("balance").asLong()).isEqualTo(10_000);

            String beside;
            long usedBeside;
            try (ConfigurableApplicationContext queryNode = StandalonePlatform.start(directory.resolve("query"),
                    settings("query", database.uri()))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(runningReadModels(commandNode)).isZero());
                assertThat(runningReadModels(queryNode)).isEqualTo(Projections.names().size());

                beside = register(commands, "beside");
                long used = chat(commands, beside);
                usedBeside = used;
                HttpApi queries = StandalonePlatform.api(queryNode);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(queries
                        .get("/api/user/wallet", beside).data().path("balance").asLong()).isEqualTo(10_000 - used));
                assertThat(commands.get("/api/user/wallet", beside).data().path("balance").asLong())
                        .isEqualTo(10_000 - used);
                assertThat(runningReadModels(commandNode)).isZero();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(runningReadModels(commandNode)).isEqualTo(Projections.names().size()));
            String after = register(commands, "after");
            long used = chat(commands, after);
            assertThat(commands.get("/api/user/wallet", after).data().path("balance").asLong())
                    .isEqualTo(10_000 - used);
            assertThat(commands.get("/api/chat/sessions", beside).data().path("sessions")).hasSize(1);
            assertThat(commands.get("/api/user/wallet/ledger", beside).data().path("entries").get(0)
                    .path("balanceAfter").asLong()).isEqualTo(10_000 - usedBeside);
        }
    }

    @Test
    void aQueryNodeTimeoutOfZeroOrLessStopsTheStart() {
        EventStoreProperties events = new EventStoreProperties(100, 500, 10_000, 1, true, 200_000, 3,
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1));
        for (Duration timeout : new Duration[]{Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> new ProjectionPlacement(PlatformRole.COMMAND, events, null, null, null, timeout,
                    Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("QUERY_NODE_TIMEOUT");
        }
    }

    private static long runningReadModels(ConfigurableApplicationContext node) {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        return Projections.names().stream().map(name -> processing.eventProcessor(name).orElseThrow())
                .filter(EventProcessor::isRunning).count();
    }

    private static long chat(HttpApi node, String token) {
        HttpApi.Reply turn = node.post("/api/chat", Map.of("message", "Hello there",
                "modelId", FakeProviders.FREE_MODEL), token);
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        return turn.data().path("usage").path("totalTokens").asLong();
    }

    private static String[] settings(String role, String databaseUri) {
        return new String[]{"--aipasta.role=" + role,
                "--aipasta.mongo.uri=" + databaseUri,
                "--aipasta.query-node-timeout=" + QUERY_NODE_TIMEOUT.toMillis() + "ms",
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--logging.level.root=WARN"};
    }

    private static String register(HttpApi node, String name) {
        HttpApi.Reply reply = node.post("/api/auth/register", Map.of("email",
                name + "-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "name", "Placement User"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        JsonNode user = reply.data().path("user");
        assertThat(user.path("tokens").path("balance").asLong()).isEqualTo(10_000);
        return reply.data().path("token").asText();
    }
}
