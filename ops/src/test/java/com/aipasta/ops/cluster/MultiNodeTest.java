package com.aipasta.ops.cluster;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.chat.EventStreamClient;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two platform nodes on one database, as a deployment of several runs them: the database is an embedded
 * MongoDB-wire server this test starts; node A is a process of its own (so the last test can kill it outright), node
 * B an application in this JVM. Requests go to both; what one node does, the other sees and obeys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeTest {

    private static final String ADMIN_EMAIL = "cluster-admin@aipasta.test";
    private static final String PASSWORD = "cluster test password";
    private static final int SPENDS = 1000;
    private static final long GRANTED = 10_000;
    private static final long FREE_TOKENS = 10_000;

    private Path directory;
    private SharedDatabase database;
    private Process nodeA;
    private ConfigurableApplicationContext nodeB;
    private HttpApi apiA;
    private HttpApi apiB;

    @BeforeAll
    void startDatabaseAndNodes() throws IOException {
        directory = Files.createTempDirectory("aipasta-cluster-");
        database = new SharedDatabase(directory);
        String uri = database.uri();
        nodeA = StandalonePlatform.startProcess(directory.resolve("node-a"), directory.resolve("node-a.log"),
                settings(uri));
        apiA = StandalonePlatform.api(nodeA);
        nodeB = StandalonePlatform.start(directory.resolve("node-b"), settings(uri));
        apiB = StandalonePlatform.api(nodeB);
    }

    @AfterAll
    void stopNodesAndDatabase() throws InterruptedException {
        if (nodeA != null && nodeA.isAlive()) {
            StandalonePlatform.kill(nodeA);
        }
        if (nodeB != null) {
            nodeB.close();
        }
        database.close();
    }

    @Test
    @Order(1)
    void aSessionStartedOnOneNodeIsHonouredAndEndedOnTheOther() {
        String email = "traveller-" + UUID.randomUUID() + "@example.com";
        String token = register(apiA, email);

        assertThat(apiB.get("/api/auth/me", token).status()).isEqualTo(200);
        assertThat(apiB.post("/api/auth/logout", Map.of(), token).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(apiA.get("/api/auth/me", token).status()).isEqualTo(401));
        String again = login(apiB, email);
        assertThat(apiA.get("/api/auth/me", again).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void concurrentSpendsOnOneWalletOverBothNodesAddUpExactly() throws Exception {
        String token = register(apiA, "spender-" + UUID.randomUUID() + "@example.com");
        String owner = apiA.get("/api/auth/me", token).data().path("user").path("id").asText();
        String admin = adminToken();
        HttpApi.Reply granted = apiB.post("/api/admin/users/" + owner + "/tokens",
                Map.of("amount", GRANTED, "reason", "cluster test"), admin);
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);

        List<Callable<HttpApi.Reply>> spends = new ArrayList<>();
        for (int i = 0; i < SPENDS; i++) {
            HttpApi node = i % 2 == 0 ? apiA : apiB;
            String message = "Spend " + i;
            spends.add(() -> node.post("/api/chat", Map.of("message", message, "modelId", FakeProviders.FREE_MODEL,
                    "options", Map.of("maxTokens", 64)), token));
        }
        ExecutorService clients = Executors.newFixedThreadPool(40);
        List<HttpApi.Reply> replies = new ArrayList<>();
        try {
            for (Future<HttpApi.Reply> reply : clients.invokeAll(spends)) {
                replies.add(reply.get());
            }
        } finally {
            clients.shutdownNow();
        }

        Set<String> paidAnswers = new HashSet<>();
        long used = 0;
        for (HttpApi.Reply reply : replies) {
            if (reply.status() == 200) {
                paidAnswers.add(reply.data().path("message").path("id").asText());
                used += reply.data().path("usage").path("totalTokens").asLong();
            } else {
                assertThat(reply.code()).as(reply.body().toString()).isEqualTo("INSUFFICIENT_TOKENS");
            }
        }
        assertThat(paidAnswers).as("some spends are paid, the wallet runs out before all are").hasSizeBetween(1,
                SPENDS - 1);
        long spent = used;
        for (HttpApi node : List.of(apiA, apiB)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode wallet = node.get("/api/user/wallet", token).data();
                assertThat(wallet.path("reserved").asLong()).isZero();
                assertThat(wallet.path("usedTokens").asLong()).isEqualTo(spent);
                assertThat(wallet.path("balance").asLong()).isEqualTo(FREE_TOKENS + GRANTED - spent)
                        .isNotNegative();
            });
        }
        assertThat(spentReferences(apiB, token)).as("one ledger line per paid answer, none twice")
                .containsExactlyInAnyOrderElementsOf(paidAnswers);
    }

    @Test
    @Order(3)
    void aStopSentToOneNodeEndsAnAnswerTheOtherGenerates() throws Exception {
        String token = register(apiA, "stopper-" + UUID.randomUUID() + "@example.com");
        EventStreamClient.Stream opening = new EventStreamClient(StandalonePlatform.port(nodeA)).postUntil("/api/chat", token,
                Map.of("message", "A long story [slow]", "modelId", FakeProviders.FREE_MODEL),
                event -> event.name().equals("delta"));
        String messageId = opening.first("meta").data().path("messageId").asText();
        CompletableFuture<EventStreamClient.Stream> followedOnB = CompletableFuture.supplyAsync(() ->
                new EventStreamClient(StandalonePlatform.port(nodeB)).get("/api/chat/messages/" + messageId
                        + "/stream", token));
        await().pollDelay(Duration.ofMillis(600)).until(() -> true);

        HttpApi.Reply stopped = apiB.post("/api/chat/messages/" + messageId + "/stop", Map.of(), token);

        assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);
        JsonNode message = stopped.data().path("message");
        assertThat(message.path("status").asText()).isEqualTo("partial");
        assertThat(message.path("errorCode").asText()).isEqualTo("STOPPED");
        assertThat(message.path("content").asText()).startsWith("word0 ").doesNotContain("word299");
        EventStreamClient.Stream followed = followedOnB.get(30, TimeUnit.SECONDS);
        assertThat(followed.last().name()).isEqualTo("error");
        assertThat(followed.last().data().path("code").asText()).isEqualTo("STOPPED");
        JsonNode wallet = apiA.get("/api/user/wallet", token).data();
        assertThat(wallet.path("reserved").asLong()).isZero();
        assertThat(wallet.path("usedTokens").asLong()).isEqualTo(message.path("usage").path("totalTokens").asLong())
                .isPositive();
    }

    @Test
    @Order(4)
    void aKilledNodesWorkIsTakenOverAndNothingIsLost() throws Exception {
        String token = register(apiA, "survivor-" + UUID.randomUUID() + "@example.com");
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpApi.Reply reply = apiA.post("/api/chat", Map.of("message", "Before " + i,
                    "modelId", FakeProviders.FREE_MODEL), token);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
            answered.add(reply.data().path("message").path("id").asText());
        }

        StandalonePlatform.kill(nodeA);

        HttpApi.Reply after = apiB.post("/api/chat", Map.of("message", "After", "modelId", FakeProviders.FREE_MODEL),
                token);
        assertThat(after.status()).as(after.body().toString()).isEqualTo(200);
        answered.add(after.data().path("message").path("id").asText());
        String newcomer = register(apiB, "newcomer-" + UUID.randomUUID() + "@example.com");
        assertThat(apiB.get("/api/user/wallet", newcomer).data().path("balance").asLong()).isEqualTo(FREE_TOKENS);
        long perAnswer = FakeProviders.PROMPT_TOKENS + FakeProviders.COMPLETION_TOKENS;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode wallet = apiB.get("/api/user/wallet", token).data();
            assertThat(wallet.path("usedTokens").asLong()).isEqualTo(answered.size() * perAnswer);
            assertThat(wallet.path("reserved").asLong()).isZero();
        });
        assertThat(spentReferences(apiB, token)).containsExactlyInAnyOrderElementsOf(answered);
    }

    private String[] settings(String uri) {
        return new String[]{"--aipasta.mongo.uri=" + uri,
                "--aipasta.auth.admin-emails=" + ADMIN_EMAIL,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.chat.daily-quotas.free.standard=1000000",
                "--aipasta.chat.checkpoint-interval=200ms",
                "--logging.level.root=WARN"};
    }

    private String adminToken() {
        HttpApi.Reply reply = apiA.post("/api/auth/register", Map.of("email", ADMIN_EMAIL, "password", PASSWORD,
                "name", "Admin"), null);
        return reply.status() == 201 ? reply.data().path("token").asText() : login(apiA, ADMIN_EMAIL);
    }

    private static String register(HttpApi node, String email) {
        HttpApi.Reply reply = node.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Cluster User"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    private static String login(HttpApi node, String email) {
        HttpApi.Reply reply = node.post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data().path("token").asText();
    }

    /** The references of the wallet's spent lines, every page of them. */
    private static List<String> spentReferences(HttpApi node, String token) {
        List<String> references = new ArrayList<>();
        int pages = 1;
        for (int page = 1; page <= pages; page++) {
            JsonNode ledger = node.get("/api/user/wallet/ledger?limit=100&page=" + page, token).data();
            pages = ledger.path("pagination").path("totalPages").asInt();
            for (JsonNode entry : ledger.path("entries")) {
                if (entry.path("type").asText().equals("spent")) {
                    references.add(entry.path("reference").asText());
                }
            }
        }
        return references;
    }
}
