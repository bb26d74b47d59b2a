package com.aipasta.ops.leaderboard;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.EventStreamClient;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.payment.FakeRazorpay;
import com.aipasta.projections.leaderboard.LeaderboardAnswerDocument;
import com.aipasta.projections.leaderboard.LeaderboardProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leaderboard on the running platform, checked against the answers the tests themselves produced. Every test
 * class shares the database, so each test that asserts exact figures owns a category no other test writes in:
 * coding, research and math here; the other tests' messages are general or writing.
 */
class LeaderboardHttpTest extends PlatformTest {

    /** What a client saw of one of its answers, enough to work out the leaderboard's figures. */
    private record Answer(String id, String modelId, String status, long totalTokens, Long latencyMs, Long ttftMs) {

        static Answer of(JsonNode message) {
            return new Answer(message.path("id").asText(), message.path("modelId").asText(),
                    message.path("status").asText(), message.path("usage").path("totalTokens").asLong(),
                    message.hasNonNull("latencyMs") ? message.path("latencyMs").asLong() : null,
                    message.hasNonNull("timeToFirstTokenMs") ? message.path("timeToFirstTokenMs").asLong() : null);
        }

        boolean completed() {
            return status.equals("complete");
        }
    }

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoTemplate mongo;

    private EventStreamClient events;

    @BeforeEach
    void connectEvents() {
        events = new EventStreamClient(port);
    }

    private HttpApi.Reply chat(Account account, String message, String modelId) {
        return api.post("/api/chat", Map.of("message", message, "modelId", modelId), account.token());
    }

    /** The answer of a turn, whether it completed (200) or failed (502 with the failed message). */
    private Answer answer(Account account, String message, String modelId) {
        HttpApi.Reply reply = chat(account, message, modelId);
        assertThat(reply.status()).as(reply.body().toString()).isIn(200, 502);
        return Answer.of(reply.status() == 200 ? reply.data().path("message")
                : reply.body().path("details").path("message"));
    }

    private HttpApi.Reply vote(Account account, String messageId, String vote) {
        return api.post("/api/leaderboard/vote", Map.of("messageId", messageId, "vote", vote), account.token());
    }

    private JsonNode leaderboard(String path) {
        HttpApi.Reply reply = api.get(path, null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data();
    }

    private static JsonNode entry(JsonNode page, String modelId) {
        return StreamSupport.stream(page.path("models").spliterator(), false)
                .filter(model -> model.path("modelId").asText().equals(modelId)).findFirst()
                .orElseThrow(() -> new AssertionError(modelId + " is not in " + page));
    }

    private static void assertEntryMatches(JsonNode entry, List<Answer> answers) {
        long uses = answers.size();
        long completed = answers.stream().filter(Answer::completed).count();
        Double avgLatency = mean(answers.stream().map(Answer::latencyMs).toList());
        assertThat(entry.path("uses").asLong()).isEqualTo(uses);
        assertThat(entry.path("completed").asLong()).isEqualTo(completed);
        assertThat(entry.path("failed").asLong()).isEqualTo(uses - completed);
        assertThat(entry.path("successRate").asDouble()).isEqualTo((double) completed / uses);
        assertThat(entry.path("avgLatencyMs").asDouble()).isEqualTo(avgLatency);
        assertThat(entry.path("avgTimeToFirstTokenMs").asDouble())
                .isEqualTo(mean(answers.stream().map(Answer::ttftMs).toList()));
        assertThat(entry.path("avgTokens").asDouble())
                .isEqualTo(mean(answers.stream().map(answer -> (Long) answer.totalTokens()).toList()));
        assertThat(entry.path("score").asDouble()).isEqualTo(score(uses, completed,
                entry.path("votes").path("up").asLong(), entry.path("votes").path("down").asLong(), avgLatency));
    }

    private static Double mean(List<Long> measures) {
        List<Long> present = measures.stream().filter(measure -> measure != null).toList();
        return present.isEmpty() ? null : (double) present.stream().mapToLong(Long::longValue).sum() / present.size();
    }

    /** The score as the README documents it. */
    private static double score(long uses, long completed, long up, long down, Double avgLatencyMs) {
        double z = 1.96;
        double n = uses;
        double p = completed / n;
        double reliability = (p + z * z / (2 * n) - z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
                / (1 + z * z / n);
        double approval = (up + 1.0) / (up + down + 2.0);
        double speed = avgLatencyMs == null ? 0 : 2000 / (2000 + avgLatencyMs);
        return Math.round((0.6 * reliability + 0.25 * approval + 0.15 * speed) * 10_000) / 10_000.0;
    }

    @Test
    void ranksModelsInACategoryByTheAnswersTheyGave() {
        Account account = register();
        JsonNode statsBefore = leaderboard("/api/leaderboard/stats");
        List<Answer> llama = new ArrayList<>();
        List<Answer> router = new ArrayList<>();

        HttpApi.Reply first = chat(account, "Fix this bug in my Python script", FREE_MODEL);
        llama.add(Answer.of(first.data().path("message")));
        llama.add(answer(account, "Refactor this Java class", FREE_MODEL));
        llama.add(answer(account, "Write a SQL query for the top customers", FREE_MODEL));
        router.add(answer(account, "Explain this regex", FREE_ROUTER_MODEL));
        router.add(answer(account, "Debug my JavaScript [500]", FREE_ROUTER_MODEL));
        router.add(answer(account, "Compile my C++ program [cut]", FREE_ROUTER_MODEL));

        assertThat(first.data().path("category").asText()).isEqualTo("coding");
        assertThat(first.data().path("autoSelected").asBoolean()).isFalse();
        assertThat(first.data().path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(first.data().path("provider").asText()).isEqualTo("local");
        assertThat(router).extracting(Answer::status).containsExactly("complete", "failed", "partial");
        assertThat(router.get(2).totalTokens()).isPositive();
        JsonNode coding = leaderboard("/api/leaderboard/coding");
        assertThat(coding.path("category").asText()).isEqualTo("coding");
        assertThat(coding.path("period").asText()).isEqualTo("all");
        assertThat(coding.path("models")).extracting(model -> model.path("modelId").asText())
                .containsExactly(FREE_MODEL, FREE_ROUTER_MODEL);
        assertThat(coding.path("models")).extracting(model -> model.path("rank").asInt()).containsExactly(1, 2);
        assertEntryMatches(entry(coding, FREE_MODEL), llama);
        assertEntryMatches(entry(coding, FREE_ROUTER_MODEL), router);
        assertThat(entry(coding, FREE_ROUTER_MODEL).path("provider").asText()).isEqualTo("openrouter");
        assertThat(entry(coding, FREE_ROUTER_MODEL).path("votes").path("up").asLong()).isZero();
        assertThat(leaderboard("/api/leaderboard?category=coding").path("models")).isEqualTo(coding.path("models"));
        assertThat(leaderboard("/api/leaderboard/coding?period=day").path("models")).isEqualTo(coding.path("models"));
        assertThat(entry(leaderboard("/api/leaderboard?limit=100"), FREE_MODEL).path("uses").asLong())
                .isGreaterThanOrEqualTo(3);

        JsonNode stats = leaderboard("/api/leaderboard/stats");
        assertThat(stats.path("answers").asLong() - statsBefore.path("answers").asLong()).isEqualTo(6);
        assertThat(stats.path("completed").asLong() - statsBefore.path("completed").asLong()).isEqualTo(4);
        assertThat(stats.path("failed").asLong() - statsBefore.path("failed").asLong()).isEqualTo(2);
        JsonNode codingStats = StreamSupport.stream(stats.path("categories").spliterator(), false)
                .filter(category -> category.path("category").asText().equals("coding")).findFirst().orElseThrow();
        assertThat(codingStats.path("answers").asLong()).isEqualTo(6);
        assertThat(codingStats.path("completed").asLong()).isEqualTo(4);
        assertThat(codingStats.path("models").asInt()).isEqualTo(2);
        assertThat(codingStats.path("topModel").path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(stats.path("categories")).extracting(category -> category.path("category").asText())
                .containsExactly("coding", "writing", "research", "math", "general");
        assertThat(stats.path("models").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("topModel").path("rank").asInt()).isEqualTo(1);
        assertThat(stats.path("mostUsedModel").has("uses")).isTrue();
    }

    @Test
    void anOwnerVotesOnceOnEachOfTheirAnswersAndMayChangeTheirMind() {
        Account owner = register();
        Account stranger = register();
        HttpApi.Reply firstTurn = chat(owner, "Summarize the research on sleep", FREE_MODEL);
        String first = firstTurn.data().path("message").path("id").asText();
        String second = answer(owner, "Compare the French and American revolutions", FREE_MODEL).id();
        String question = api.get("/api/chat/sessions/" + firstTurn.data().path("session").path("id").asText(),
                owner.token()).data().path("messages").get(0).path("id").asText();

        HttpApi.Reply up = vote(owner, first, "up");
        assertThat(up.status()).as(up.body().toString()).isEqualTo(200);
        assertThat(up.data().path("messageId").asText()).isEqualTo(first);
        assertThat(up.data().path("vote").asText()).isEqualTo("up");
        assertThat(up.data().path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(up.data().path("category").asText()).isEqualTo("research");
        assertThat(votes("research", FREE_MODEL)).isEqualTo(Map.of("up", 1L, "down", 0L));

        assertThat(vote(owner, first, "down").status()).isEqualTo(200);
        assertThat(votes("research", FREE_MODEL)).isEqualTo(Map.of("up", 0L, "down", 1L));
        assertThat(vote(owner, first, "down").status()).isEqualTo(200);
        assertThat(votes("research", FREE_MODEL)).isEqualTo(Map.of("up", 0L, "down", 1L));
        assertThat(vote(owner, second, "up").status()).isEqualTo(200);
        assertThat(votes("research", FREE_MODEL)).isEqualTo(Map.of("up", 1L, "down", 1L));

        HttpApi.Reply notTheirs = vote(stranger, first, "up");
        HttpApi.Reply missing = vote(owner, "msg-" + UUID.randomUUID(), "up");
        HttpApi.Reply userMessage = vote(owner, question, "up");
        HttpApi.Reply sideways = vote(owner, first, "sideways");
        HttpApi.Reply noMessage = api.post("/api/leaderboard/vote", Map.of("vote", "up"), owner.token());
        HttpApi.Reply anonymous = api.post("/api/leaderboard/vote", Map.of("messageId", first, "vote", "up"), null);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.code()).isEqualTo("NOT_FOUND");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(userMessage.status()).isEqualTo(404);
        assertThat(sideways.status()).isEqualTo(400);
        assertThat(sideways.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(sideways.body().path("details").has("vote")).isTrue();
        assertThat(noMessage.status()).isEqualTo(400);
        assertThat(noMessage.body().path("details").has("messageId")).isTrue();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(votes("research", FREE_MODEL)).isEqualTo(Map.of("up", 1L, "down", 1L));
    }

    @Test
    void anAnswerStillGeneratingCannotBeVotedOnAndOnceStoppedCountsAsFailed() {
        Account owner = register();
        String messageId = events.postUntil("/api/chat", owner.token(),
                        Map.of("message", "Explain the history of Rome at length [slow]", "modelId", FREE_ROUTER_MODEL),
                        event -> event.name().equals("delta"))
                .first("meta").data().path("messageId").asText();
        long failedBefore = researchEntry(FREE_ROUTER_MODEL).path("failed").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> vote(owner, messageId, "up").status() != 404);
        HttpApi.Reply generating = vote(owner, messageId, "up");
        HttpApi.Reply stopped = api.post("/api/chat/messages/" + messageId + "/stop", Map.of(), owner.token());

        assertThat(generating.status()).isEqualTo(409);
        assertThat(generating.code()).isEqualTo("CONFLICT");
        assertThat(stopped.data().path("message").path("status").asText()).isEqualTo("partial");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                researchEntry(FREE_ROUTER_MODEL).path("failed").asLong() == failedBefore + 1);
        assertThat(vote(owner, messageId, "down").status()).isEqualTo(200);
    }

    private JsonNode researchEntry(String modelId) {
        JsonNode research = leaderboard("/api/leaderboard/research");
        return StreamSupport.stream(research.path("models").spliterator(), false)
                .filter(model -> model.path("modelId").asText().equals(modelId)).findFirst()
                .orElse(MissingNode.getInstance());
    }

    private Map<String, Long> votes(String category, String modelId) {
        JsonNode votes = entry(leaderboard("/api/leaderboard/" + category), modelId).path("votes");
        return Map.of("up", votes.path("up").asLong(), "down", votes.path("down").asLong());
    }

    /**
     * Other tests' answers share the platform's leaderboard, so the expected picks are read from it. The premium pick
     * comes first: its answer moves only its own model's score, while the newcomer's answer could lift a free model
     * above the best one.
     */
    @Test
    void autoModePicksTheBestRankedModelOfTheCategoryThatThePlanAllowsAndSaysSo() throws Exception {
        Account free = register();
        Account premium = premiumUser();
        for (int i = 0; i < 3; i++) {
            answer(free, "Calculate 12 * " + i, FREE_MODEL);
            String claude = answer(premium, "Solve the equation x^2 = " + i, PAID_MODEL).id();
            assertThat(vote(premium, claude, "up").status()).isEqualTo(200);
        }
        answer(free, "What is 3 + 4? [500]", FREE_ROUTER_MODEL);
        List<String> ranked = new ArrayList<>();
        leaderboard("/api/leaderboard/math").path("models")
                .forEach(model -> ranked.add(model.path("modelId").asText()));
        assertThat(ranked).contains(PAID_MODEL, FREE_MODEL, FREE_ROUTER_MODEL);
        String bestFree = ranked.stream().filter(List.of(FREE_MODEL, FREE_ROUTER_MODEL)::contains).findFirst()
                .orElseThrow();
        String bestFreeProvider = bestFree.substring(0, bestFree.indexOf('/'));
        Account newcomer = register();

        HttpApi.Reply premiumPick = chat(premium, "What is the integral of 2x?", "auto");
        HttpApi.Reply picked = chat(newcomer, "Calculate the derivative of x^3", "auto");

        assertThat(picked.status()).as(picked.body().toString()).isEqualTo(200);
        assertThat(picked.data().path("autoSelected").asBoolean()).isTrue();
        assertThat(picked.data().path("category").asText()).isEqualTo("math");
        assertThat(picked.data().path("modelId").asText()).isEqualTo(bestFree);
        assertThat(picked.data().path("provider").asText()).isEqualTo(bestFreeProvider);
        assertThat(picked.data().path("message").path("modelId").asText()).isEqualTo(bestFree);
        assertThat(picked.data().path("session").path("modelId").asText()).isEqualTo(bestFree);
        assertThat(premiumPick.data().path("autoSelected").asBoolean()).isTrue();
        assertThat(premiumPick.data().path("modelId").asText()).isEqualTo(ranked.get(0));

        EventStreamClient.Stream streamed = events.post("/api/chat", newcomer.token(),
                Map.of("message", "Prove that the square root of 2 is irrational", "modelId", "auto"));
        JsonNode meta = streamed.first("meta").data();
        assertThat(meta.path("modelId").asText()).isEqualTo(bestFree);
        assertThat(meta.path("provider").asText()).isEqualTo(bestFreeProvider);
        assertThat(meta.path("autoSelected").asBoolean()).isTrue();
        assertThat(meta.path("category").asText()).isEqualTo("math");
        assertThat(streamed.last().name()).isEqualTo("done");
        assertThat(streamed.last().data().path("autoSelected").asBoolean()).isTrue();
        assertThat(streamed.last().data().path("message").path("modelId").asText()).isEqualTo(bestFree);

        String pickedAnswer = picked.data().path("message").path("id").asText();
        HttpApi.Reply regenerated = api.post("/api/chat/messages/" + pickedAnswer + "/regenerate",
                Map.of("modelId", "auto"), newcomer.token());
        assertThat(regenerated.status()).as(regenerated.body().toString()).isEqualTo(200);
        assertThat(regenerated.data().path("category").asText()).isEqualTo("math");
        assertThat(regenerated.data().path("modelId").asText()).isEqualTo(bestFree);
        assertThat(regenerated.data().path("autoSelected").asBoolean()).isTrue();

        String question = picked.data().path("message").path("parentId").asText();
        HttpApi.Reply edited = api.post("/api/chat/messages/" + question + "/edit",
                Map.of("content", "Write a haiku about autumn", "modelId", "auto"), newcomer.token());
        assertThat(edited.status()).as(edited.body().toString()).isEqualTo(200);
        assertThat(edited.data().path("category").asText()).isEqualTo("writing");
        assertThat(edited.data().path("autoSelected").asBoolean()).isTrue();
        assertThat(edited.data().path("modelId").asText()).isNotEqualTo(PAID_MODEL);
    }

    @Test
    void leaderboardsArePublicPagedAndRefuseWhatTheyDoNotKnow() {
        Account account = register();
        answer(account, "Hello there", FREE_MODEL);
        answer(account, "Good morning", FREE_ROUTER_MODEL);
        JsonNode all = leaderboard("/api/leaderboard");
        int total = all.path("pagination").path("total").asInt();

        JsonNode firstPage = leaderboard("/api/leaderboard?limit=1");
        JsonNode secondPage = leaderboard("/api/leaderboard?limit=1&page=2&period=week");
        JsonNode beyond = leaderboard("/api/leaderboard?limit=1&page=" + (total + 1));

        assertThat(all.path("category").asText()).isEqualTo("all");
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(firstPage.path("models")).hasSize(1);
        assertThat(firstPage.path("models").get(0)).isEqualTo(all.path("models").get(0));
        assertThat(secondPage.path("models").get(0).path("rank").asInt()).isEqualTo(2);
        assertThat(secondPage.path("pagination").path("totalPages").asInt()).isEqualTo(total);
        assertThat(beyond.path("models")).isEmpty();
        assertThat(entry(leaderboard("/api/leaderboard/general?period=day&limit=100"), FREE_ROUTER_MODEL)
                .path("uses").asLong()).isPositive();
        assertThat(leaderboard("/api/leaderboard/stats?period=month").path("period").asText()).isEqualTo("month");
        assertThat(api.get("/v3/api-docs", null).raw().body()).contains("Wilson lower bound");

        assertInvalid("/api/leaderboard?period=year", "period");
        assertInvalid("/api/leaderboard?category=poetry", "category");
        assertInvalid("/api/leaderboard/poetry", "category");
        assertInvalid("/api/leaderboard?page=0", "page");
        assertInvalid("/api/leaderboard/coding?limit=101", "limit");
        assertInvalid("/api/leaderboard/stats?period=fortnight", "period");
        assertThat(api.get("/api/leaderboard?limit=many", null).status()).isEqualTo(400);
    }

    @Test
    void aReplayRebuildsTheSameLeaderboard() {
        Account account = register();
        String answered = answer(account, "Good evening", FREE_MODEL).id();
        answer(account, "Good night [500]", FREE_ROUTER_MODEL);
        assertThat(vote(account, answered, "down").status()).isEqualTo(200);
        assertThat(vote(account, answered, "up").status()).isEqualTo(200);
        List<Document> answersBefore = storedAnswers();
        JsonNode leaderboardBefore = leaderboard("/api/leaderboard?limit=100");
        TrackingEventProcessor processor = processing.eventProcessor(LeaderboardProjection.NAME,
                TrackingEventProcessor.class).orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(storedAnswers()).isEqualTo(answersBefore));
        assertThat(leaderboard("/api/leaderboard?limit=100")).isEqualTo(leaderboardBefore);
    }

    private List<Document> storedAnswers() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, LeaderboardAnswerDocument.COLLECTION);
    }

    private void assertInvalid(String path, String parameter) {
        HttpApi.Reply reply = api.get(path, null);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.body().path("details").has(parameter)).as(reply.body().toString()).isTrue();
    }

    /** A fresh user who bought the plan that upgrades to premium. */
    private Account premiumUser() throws Exception {
        Account buyer = register();
        String orderId = api.post("/api/plans/plan-max/create-order", Map.of(), buyer.token()).data()
                .path("orderId").asText();
        String paymentId = "pay_" + UUID.randomUUID().toString().replace("-", "");
        HttpApi.Reply paid = api.post("/api/plans/plan-max/verify-payment", Map.of("razorpay_order_id", orderId,
                "razorpay_payment_id", paymentId, "razorpay_signature", hmac(orderId + "|" + paymentId)),
                buyer.token());
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/auth/me", buyer.token()).data().path("user").path("plan").asText().equals("premium"));
        return buyer;
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(FakeRazorpay.KEY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
