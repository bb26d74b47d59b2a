package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One message answered by several models side by side: multiplexed events, each answer paid on its own. */
class CompareHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private EventStreamClient events;

    @BeforeEach
    void connectEvents() {
        events = new EventStreamClient(port);
    }

    private static Map<String, Object> comparison(String message, String... models) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        body.put("modelIds", List.of(models));
        return body;
    }

    private Account premiumUser() {
        Account account = register();
        HttpApi.Reply upgraded = api.patch("/api/admin/users/" + account.id(), Map.of("plan", "premium"),
                admin().token());
        assertThat(upgraded.status()).as(upgraded.body().toString()).isEqualTo(200);
        return account;
    }

    private JsonNode wallet(Account account) {
        return api.get("/api/user/wallet", account.token()).data();
    }

    @Test
    void threeModelsAnswerSideBySideAndTheOneFailingMidStreamIsReleasedWhileTheOthersSettle() {
        Account account = premiumUser();
        String failing = "anthropic/claude-sonnet-4";

        EventStreamClient.Stream stream = events.post("/api/chat/compare", account.token(),
                comparison("Compare yourselves [fails:" + failing + "]", FREE_MODEL, FREE_ROUTER_MODEL, PAID_MODEL));

        assertThat(stream.status()).isEqualTo(200);
        List<EventStreamClient.Event> metas = stream.events().stream().filter(e -> e.name().equals("meta")).toList();
        assertThat(metas).extracting(e -> e.data().path("modelId").asText())
                .containsExactly(FREE_MODEL, FREE_ROUTER_MODEL, PAID_MODEL);
        String sessionId = metas.get(0).data().path("sessionId").asText();
        String question = metas.get(0).data().path("userMessageId").asText();
        assertThat(metas).allSatisfy(meta -> {
            assertThat(meta.data().path("sessionId").asText()).isEqualTo(sessionId);
            assertThat(meta.data().path("userMessageId").asText()).isEqualTo(question);
        });
        Map<String, String> answerOf = new HashMap<>();
        metas.forEach(meta -> answerOf.put(meta.data().path("modelId").asText(),
                meta.data().path("messageId").asText()));
        for (String model : List.of(FREE_MODEL, FREE_ROUTER_MODEL)) {
            StringBuilder text = new StringBuilder();
            stream.events().stream().filter(e -> e.name().equals("delta")
                    && e.data().path("modelId").asText().equals(model))
                    .forEach(e -> text.append(e.data().path("text").asText()));
            assertThat(text.toString()).as(model).isEqualTo(ANSWER);
            JsonNode done = stream.events().stream().filter(e -> e.name().equals("done")
                    && e.data().path("modelId").asText().equals(model)).findFirst().orElseThrow().data();
            assertThat(done.path("messageId").asText()).isEqualTo(answerOf.get(model));
            assertThat(done.path("message").path("parentId").asText()).isEqualTo(question);
            assertThat(done.path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        }
        JsonNode error = stream.events().stream().filter(e -> e.name().equals("error")).findFirst().orElseThrow()
                .data();
        assertThat(error.path("modelId").asText()).isEqualTo(PAID_MODEL);
        assertThat(error.path("code").asText()).isEqualTo("PROVIDER_CONNECTION");
        assertThat(stream.events()).filteredOn(e -> e.name().equals("delta"))
                .noneSatisfy(e -> assertThat(e.data().path("modelId").asText()).isEqualTo(PAID_MODEL));
        JsonNode lastShown = stream.last().data().path("user").path("tokens");
        assertThat(lastShown.path("balance").asLong()).as("the stream ends on the wallet all three answers left")
                .isEqualTo(10_000 - 2 * USED);
        assertThat(lastShown.path("reserved").asLong()).isZero();

        JsonNode tokens = wallet(account);
        assertThat(tokens.path("balance").asLong()).isEqualTo(10_000 - 2 * USED);
        assertThat(tokens.path("reserved").asLong()).isZero();
        JsonNode entries = api.get("/api/user/wallet/ledger?limit=100", account.token()).data().path("entries");
        List<String> spentFor = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.path("type").asText().equals("spent")) {
                assertThat(entry.path("amount").asLong()).isEqualTo(-USED);
                spentFor.add(entry.path("reference").asText());
            }
        });
        assertThat(spentFor).containsExactlyInAnyOrder(answerOf.get(FREE_MODEL), answerOf.get(FREE_ROUTER_MODEL));

        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(session.path("branches")).hasSize(3);
        assertThat(session.path("session").path("models")).hasSize(3);
        for (String model : List.of(FREE_MODEL, FREE_ROUTER_MODEL, PAID_MODEL)) {
            JsonNode branch = api.get("/api/chat/sessions/" + sessionId + "?branch=" + answerOf.get(model),
                    account.token()).data().path("messages");
            assertThat(branch).extracting(message -> message.path("id").asText())
                    .containsExactly(question, answerOf.get(model));
            assertThat(branch.get(1).path("status").asText())
                    .isEqualTo(model.equals(PAID_MODEL) ? "failed" : "complete");
        }
    }

    @Test
    void aComparisonAnswersAsJsonInAnExistingSession() {
        Account account = register();
        String sessionId = api.post("/api/chat", Map.of("message", "First", "modelId", FREE_MODEL),
                account.token()).data().path("session").path("id").asText();
        Map<String, Object> body = comparison("Second, by both", FREE_MODEL, FREE_ROUTER_MODEL);
        body.put("sessionId", sessionId);

        HttpApi.Reply reply = api.post("/api/chat/compare", body, account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode data = reply.data();
        assertThat(data.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(data.path("answers")).hasSize(2);
        assertThat(data.path("answers")).allSatisfy(answer -> {
            assertThat(answer.path("status").asText()).isEqualTo("complete");
            assertThat(answer.path("message").path("content").asText()).isEqualTo(ANSWER);
            assertThat(answer.path("message").path("parentId").asText())
                    .isEqualTo(data.path("userMessageId").asText());
        });
        assertThat(data.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - 3 * USED);
        String sent = FakeProviders.completionRequests().stream()
                .filter(request -> request.contains("Second, by both") && request.contains("llama-3.3"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("First").contains(ANSWER);
    }

    @Test
    void aPaywalledModelRefusesTheWholeComparisonBeforeAnyProviderCall() {
        Account account = register();
        int calls = FakeProviders.completionRequests().size();

        HttpApi.Reply reply = api.post("/api/chat/compare", comparison("Both?", FREE_MODEL, PAID_MODEL),
                account.token());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("PAYWALL");
        assertThat(reply.body().path("details").path("modelId").asText()).isEqualTo(PAID_MODEL);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        assertThat(wallet(account).path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/chat/sessions", account.token()).data().path("sessions")).isEmpty();
    }

    @Test
    void aWalletThatCannotCoverEveryModelRefusesTheWholeComparison() {
        Account account = register();
        int calls = FakeProviders.completionRequests().size();
        String coveredOnceNotTwice = "lorem ipsum dolor sit amet ".repeat(1450);

        HttpApi.Reply reply = api.post("/api/chat/compare",
                comparison("Hi", FREE_MODEL, FREE_ROUTER_MODEL, "openrouter/nope"), account.token());
        HttpApi.Reply refused = api.post("/api/chat/compare",
                comparison("Hi", FREE_MODEL, FREE_ROUTER_MODEL, FREE_MODEL + " "), account.token());
        HttpApi.Reply poor = api.post("/api/chat/compare",
                comparison(coveredOnceNotTwice, FREE_MODEL, FREE_ROUTER_MODEL), account.token());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(poor.status()).isEqualTo(402);
        assertThat(poor.code()).isEqualTo("INSUFFICIENT_TOKENS");
        long required = poor.body().path("details").path("required").asLong();
        assertThat(required).as("two estimates, each coverable alone").isGreaterThan(10_000).isLessThan(20_000);
        assertThat(poor.body().path("details").path("user").path("tokens").path("balance").asLong())
                .isEqualTo(10_000);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        assertThat(wallet(account).path("reserved").asLong()).isZero();
    }

    @Test
    void theDailyQuotaMustCoverEveryModelOfTheComparison() {
        Account account = register();
        for (int i = 0; i < 11; i++) {
            assertThat(api.post("/api/chat", Map.of("message", "Turn " + i, "modelId", FREE_MODEL), account.token())
                    .status()).isEqualTo(200);
        }
        int calls = FakeProviders.completionRequests().size();

        HttpApi.Reply reply = api.post("/api/chat/compare", comparison("Both", FREE_MODEL, FREE_ROUTER_MODEL),
                account.token());

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(reply.body().path("details").path("used").asInt()).isEqualTo(11);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        assertThat(wallet(account).path("balance").asLong()).isEqualTo(10_000 - 11 * USED);
        assertThat(api.post("/api/chat", Map.of("message", "Still one", "modelId", FREE_MODEL), account.token())
                .status()).as("nothing of the refused comparison was counted").isEqualTo(200);
    }

    @Test
    void aVoteOnOneAnswerOfAComparisonCountsAsAPreferenceOverTheOthers() {
        Account account = register();
        JsonNode before = leaderboard();
        JsonNode answers = api.post("/api/chat/compare", comparison("Which of you is better?", FREE_MODEL,
                FREE_ROUTER_MODEL), account.token()).data().path("answers");
        String preferred = answers.get(0).path("modelId").asText().equals(FREE_MODEL)
                ? answers.get(0).path("messageId").asText() : answers.get(1).path("messageId").asText();

        HttpApi.Reply vote = api.post("/api/leaderboard/vote", Map.of("messageId", preferred, "vote", "up"),
                account.token());

        assertThat(vote.status()).as(vote.body().toString()).isEqualTo(200);
        await().untilAsserted(() -> {
            JsonNode after = leaderboard();
            assertThat(preference(after, FREE_MODEL, "wins")).isEqualTo(preference(before, FREE_MODEL, "wins") + 1);
            assertThat(preference(after, FREE_ROUTER_MODEL, "losses"))
                    .isEqualTo(preference(before, FREE_ROUTER_MODEL, "losses") + 1);
            assertThat(preference(after, FREE_MODEL, "losses")).isEqualTo(preference(before, FREE_MODEL, "losses"));
        });
    }

    private JsonNode leaderboard() {
        return api.get("/api/leaderboard?limit=100", null).data().path("models");
    }

    private static long preference(JsonNode models, String modelId, String field) {
        for (JsonNode model : models) {
            if (model.path("modelId").asText().equals(modelId)) {
                return model.path("preferences").path(field).asLong();
            }
        }
        return 0;
    }
}
