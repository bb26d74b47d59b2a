package com.aipasta.ops.cluster;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.aipasta.ops.chat.EventStreamClient;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.payment.FakeRazorpay;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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
    private static final String PLAN = "plan-starter";
    private static final long PLAN_TOKENS = 50_000;
    private static final long PLAN_AMOUNT = 9_900;

    private Path directory;
    private SharedDatabase database;
    private Process nodeA;
    private ConfigurableApplicationContext nodeB;
    private HttpApi apiA;
    private HttpApi apiB;

    @BeforeAll
    void startDatabaseAndNodes() throws IOException {
        directory = TemporaryDirectories.create("aipasta-cluster-");
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

    /**
     * Each payment is confirmed at once by the buyer's checkout on one node and by Razorpay's webhooks, repeated and
     * of two kinds, on both: the payment-credit policy runs once across the nodes, so each is credited once.
     */
    @Test
    @Order(3)
    void aPaymentConfirmedThroughBothNodesAtOnceIsCreditedOnce() throws Exception {
        String token = register(apiA, "buyer-" + UUID.randomUUID() + "@example.com");
        int payments = 3;
        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            for (int payment = 1; payment <= payments; payment++) {
                HttpApi.Reply order = apiA.post("/api/plans/" + PLAN + "/create-order", Map.of(), token);
                assertThat(order.status()).as(order.body().toString()).isEqualTo(200);
                String orderId = order.data().path("orderId").asText();
                String paymentId = "pay_Cluster" + payment + UUID.randomUUID().toString().substring(0, 8);
                String body = captured(orderId, paymentId);
                String signature = hmac(body, FakeRazorpay.WEBHOOK_SECRET);
                String retriedEvent = "evt_" + UUID.randomUUID();
                List<Callable<HttpApi.Reply>> confirmations = new ArrayList<>();
                confirmations.add(() -> apiB.post("/api/plans/" + PLAN + "/verify-payment", Map.of(
                        "razorpay_order_id", orderId, "razorpay_payment_id", paymentId,
                        "razorpay_signature", hmac(orderId + "|" + paymentId, FakeRazorpay.KEY_SECRET)), token));
                for (HttpApi node : List.of(apiA, apiB, apiA, apiB, apiA, apiB)) {
                    confirmations.add(() -> webhook(node, body, signature, retriedEvent));
                }
                confirmations.add(() -> webhook(apiA, body, signature, "evt_" + UUID.randomUUID()));
                for (Future<HttpApi.Reply> confirmed : racers.invokeAll(confirmations)) {
                    assertThat(confirmed.get().status()).as(confirmed.get().body().toString()).isEqualTo(200);
                }
            }
        } finally {
            racers.shutdownNow();
        }

        for (HttpApi node : List.of(apiA, apiB)) {
            JsonNode wallet = node.get("/api/user/wallet", token).data();
            assertThat(wallet.path("purchasedTokens").asLong()).isEqualTo(payments * PLAN_TOKENS);
            long credits = 0;
            for (JsonNode entry : node.get("/api/user/wallet/ledger?limit=100", token).data().path("entries")) {
                credits += entry.path("type").asText().equals("credited") ? 1 : 0;
            }
            assertThat(credits).isEqualTo(payments);
        }
    }

    @Test
    @Order(4)
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
    @Order(5)
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

    private static HttpApi.Reply webhook(HttpApi node, String body, String signature, String eventId) {
        return node.send(node.request("/api/plans/webhook", null).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("X-Razorpay-Signature", signature).header("x-razorpay-event-id", eventId));
    }

    /** Razorpay's {@code payment.captured} event for the plan's amount. */
    private static String captured(String orderId, String paymentId) {
        return "{\"entity\":\"event\",\"event\":\"payment.captured\",\"contains\":[\"payment\"],"
                + "\"payload\":{\"payment\":{\"entity\":{\"id\":\"" + paymentId + "\",\"entity\":\"payment\","
                + "\"amount\":" + PLAN_AMOUNT + ",\"currency\":\"INR\",\"status\":\"captured\",\"order_id\":\""
                + orderId + "\",\"captured\":true}}},\"created_at\":1763900100}";
    }

    private static String hmac(String payload, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private String[] settings(String uri) {
        return new String[]{"--aipasta.mongo.uri=" + uri,
                "--aipasta.auth.admin-emails=" + ADMIN_EMAIL,
                "--aipasta.providers.openai-compatible.base-url=" + FakeProviders.localUrl(),
                "--aipasta.providers.openai-compatible.name=local",
                "--aipasta.chat.daily-quotas.free.standard=1000000",
                "--aipasta.chat.checkpoint-interval=200ms",
                "--aipasta.razorpay.key-id=" + FakeRazorpay.KEY_ID,
                "--aipasta.razorpay.key-secret=" + FakeRazorpay.KEY_SECRET,
                "--aipasta.razorpay.webhook-secret=" + FakeRazorpay.WEBHOOK_SECRET,
                "--aipasta.razorpay.base-url=" + FakeRazorpay.baseUrl(),
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
