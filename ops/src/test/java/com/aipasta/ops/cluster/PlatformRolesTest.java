package com.aipasta.ops.cluster;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.EventStreamClient;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.projection.Projections;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command node and a query node on one database ({@code PLATFORM_ROLE}): the command node takes every request and
 * runs everything but the projections, which it leaves to the query node; the query node answers reads from the
 * projections, refuses every change with 421 {@code WRONG_NODE}, runs no saga, policy or timer, and shows a caller's
 * wallet and session as their last turn left them, wherever it ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformRolesTest {

    private static final String ADMIN_EMAIL = "roles-admin@aipasta.test";
    private static final String PASSWORD = "roles test password";

    private SharedDatabase database;
    private ConfigurableApplicationContext commandNode;
    private ConfigurableApplicationContext queryNode;
    private HttpApi commands;
    private HttpApi queries;

    @BeforeAll
    void startNodes() throws IOException {
        Path directory = TemporaryDirectories.create("aipasta-roles-");
        database = new SharedDatabase(directory);
        commandNode = StandalonePlatform.start(directory.resolve("command"), settings("command", database.uri()));
        queryNode = StandalonePlatform.start(directory.resolve("query"), settings("query", database.uri()));
        commands = StandalonePlatform.api(commandNode);
        queries = StandalonePlatform.api(queryNode);
        await().atMost(Duration.ofSeconds(30)).until(() -> Projections.names().stream()
                .noneMatch(readModel -> processor(commandNode, readModel).isRunning()));
    }

    @AfterAll
    void stopNodes() {
        queryNode.close();
        commandNode.close();
        database.close();
    }

    @Test
    void theQueryNodeShowsWhatTheCommandNodeRecorded() {
        String token = register(commands, "reader-" + UUID.randomUUID() + "@example.com");
        HttpApi.Reply turn = commands.post("/api/chat", Map.of("message", "Hello there",
                "modelId", FakeProviders.FREE_MODEL), token);
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        long used = turn.data().path("usage").path("totalTokens").asLong();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode wallet = queries.get("/api/user/wallet", token).data();
            assertThat(wallet.path("balance").asLong()).isEqualTo(10_000 - used);
            JsonNode sessions = queries.get("/api/chat/sessions", token).data().path("sessions");
            assertThat(sessions).hasSize(1);
        });
        assertThat(queries.get("/api/auth/me", token).status()).isEqualTo(200);
    }

    @Test
    void aTurnStreamedThroughTheCommandNodeIsPaidInTheWalletTheQueryNodeShowsNext() {
        String token = register(commands, "streamer-" + UUID.randomUUID() + "@example.com");

        EventStreamClient.Stream stream = streamWhileStopped("wallet-balance", token,
                "Paid while the wallets are not projected");

        assertThat(stream.last().name()).as(stream.events().toString()).isEqualTo("done");
        long balance = stream.last().data().path("user").path("tokens").path("balance").asLong();
        assertThat(balance).isLessThan(10_000);
        JsonNode wallet = queries.get("/api/user/wallet", token).data();
        assertThat(wallet.path("balance").asLong()).isEqualTo(balance);
        assertThat(wallet.path("reserved").asLong()).isZero();
        assertThat(queries.get("/api/user/wallet/ledger", token).data().path("entries").get(0).path("balanceAfter")
                .asLong()).isEqualTo(balance);
    }

    @Test
    void aTurnStreamedThroughTheCommandNodeIsInTheSessionTheQueryNodeShowsNext() {
        String token = register(commands, "session-" + UUID.randomUUID() + "@example.com");

        EventStreamClient.Stream stream = streamWhileStopped("chat-sessions", token,
                "Answered while the sessions are not projected");

        assertThat(stream.last().name()).as(stream.events().toString()).isEqualTo("done");
        JsonNode answer = stream.last().data().path("message");
        JsonNode session = queries.get("/api/chat/sessions/" + answer.path("sessionId").asText(), token).data();
        assertThat(session.path("messages")).as(session.toString()).hasSize(2);
        JsonNode shown = session.path("messages").get(1);
        assertThat(shown.path("id").asText()).isEqualTo(answer.path("id").asText());
        assertThat(shown.path("status").asText()).isEqualTo("complete");
        assertThat(shown.path("content").asText()).isEqualTo(answer.path("content").asText()).isNotEmpty();
    }

    @Test
    void theQueryNodeRefusesEveryChangeAndRecordsNothing() {
        String token = register(commands, "writer-" + UUID.randomUUID() + "@example.com");

        HttpApi.Reply turn = queries.post("/api/chat", Map.of("message", "Hello",
                "modelId", FakeProviders.FREE_MODEL), token);
        HttpApi.Reply registration = queries.post("/api/auth/register", Map.of("email",
                "refused-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "name", "Refused"), null);
        HttpApi.Reply rename = queries.patch("/api/user/profile", Map.of("name", "Renamed"), token);

        for (HttpApi.Reply refused : List.of(turn, registration, rename)) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(421);
            assertThat(refused.code()).isEqualTo("WRONG_NODE");
        }
        JsonNode wallet = commands.get("/api/user/wallet", token).data();
        assertThat(wallet.path("usedTokens").asLong()).isZero();
        assertThat(commands.get("/api/chat/sessions", token).data().path("sessions")).isEmpty();
    }

    @Test
    void theQueryNodeRunsTheReadModelsButNoSagaOrPolicyAndTheCommandNodeTheReverse() {
        String admin = register(commands, ADMIN_EMAIL);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> statuses = new HashMap<>();
            for (JsonNode processor : queries.get("/api/admin/system", admin).data().path("processors")) {
                statuses.put(processor.path("name").asText(), processor.path("status").asText());
            }
            assertThat(statuses).containsEntry("wallet-opening", "stopped").containsEntry("payment-credit", "stopped")
                    .containsEntry("write-side-state", "stopped");
            assertThat(statuses.get("wallet-balance")).isIn("live", "catching-up");
        });
        assertThat(Projections.names()).allSatisfy(readModel ->
                assertThat(processor(commandNode, readModel).isRunning()).as(readModel).isFalse());
        assertThat(processor(commandNode, "wallet-opening").isRunning()).isTrue();
    }

    /**
     * Streams a turn through the command node while neither node runs the {@code readModel} processor (the command
     * node leaves it to the query node, which starts it again half a second after the turn was sent: its stand-in
     * answer ends well before that).
     */
    private EventStreamClient.Stream streamWhileStopped(String readModel, String token, String message) {
        EventProcessor projecting = processor(queryNode, readModel);
        assertThat(processor(commandNode, readModel).isRunning()).isFalse();
        projecting.shutDown();
        CompletableFuture.runAsync(projecting::start, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        return new EventStreamClient(StandalonePlatform.port(commandNode)).post("/api/chat", token,
                Map.of("message", message, "modelId", FakeProviders.FREE_MODEL));
    }

    private static EventProcessor processor(ConfigurableApplicationContext node, String name) {
        return node.getBean(EventProcessingConfiguration.class).eventProcessor(name).orElseThrow();
    }

    private static String[] settings(String role, String databaseUri) {
        return new String[]{"--aipasta.role=" + role,
                "--aipasta.mongo.uri=" + databaseUri,
                "--aipasta.query-node-timeout=1s",
                "--aipasta.auth.admin-emails=" + ADMIN_EMAIL,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--logging.level.root=WARN"};
    }

    private static String register(HttpApi node, String email) {
        HttpApi.Reply reply = node.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Roles User"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }
}
