package com.aipasta.ops.tools;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.aipasta.ops.chat.FakeProviders.CALCULATED;
import static com.aipasta.ops.chat.FakeProviders.CALCULATOR_CALL_ID;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A model that can call tools (the catalogue lists "tools" among its capabilities) asks for the calculator. */
class ModelToolCallHttpTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Account premiumUser() {
        Account account = register();
        HttpApi.Reply upgraded = api.patch("/api/admin/users/" + account.id(), Map.of("plan", "premium"),
                admin().token());
        assertThat(upgraded.status()).as(upgraded.body().toString()).isEqualTo(200);
        return account;
    }

    @Test
    void theModelCallsTheCalculatorAndAnswersWithItsResultInOneTurnPaidOnce() throws Exception {
        Account account = premiumUser();
        String marker = "[calc] " + System.nanoTime();

        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", "What is 15 times 7? " + marker,
                "modelId", PAID_MODEL), account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("message").path("content").asText()).isEqualTo(CALCULATED);
        List<JsonNode> requests = FakeProviders.completionRequests().stream().filter(body -> body.contains(marker))
                .map(ModelToolCallHttpTest::parse).toList();
        assertThat(requests).hasSize(2);
        JsonNode asking = requests.get(0);
        assertThat(StreamSupport.stream(asking.path("tools").spliterator(), false)
                .map(tool -> tool.path("function").path("name").asText())).contains("calculator", "hash");
        JsonNode answered = requests.get(1).path("messages");
        JsonNode call = answered.get(answered.size() - 2);
        assertThat(call.path("role").asText()).isEqualTo("assistant");
        assertThat(call.path("tool_calls").get(0).path("id").asText()).isEqualTo(CALCULATOR_CALL_ID);
        assertThat(JSON.readTree(call.path("tool_calls").get(0).path("function").path("arguments").asText()))
                .isEqualTo(JSON.readTree("{\"operation\":\"multiply\",\"number1\":15,\"number2\":7}"));
        JsonNode result = answered.get(answered.size() - 1);
        assertThat(result.path("role").asText()).isEqualTo("tool");
        assertThat(result.path("tool_call_id").asText()).isEqualTo(CALCULATOR_CALL_ID);
        assertThat(JSON.readTree(result.path("content").asText()).path("result").asText()).isEqualTo("105");

        long bothCalls = 2 * (PROMPT_TOKENS + COMPLETION_TOKENS);
        assertThat(reply.data().path("usage").path("totalTokens").asLong()).isEqualTo(bothCalls);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - bothCalls);
        JsonNode ledger = api.get("/api/user/wallet/ledger", account.token()).data().path("entries");
        assertThat(StreamSupport.stream(ledger.spliterator(), false)
                .filter(entry -> entry.path("type").asText().equals("spent")))
                .singleElement().satisfies(spent -> assertThat(spent.path("amount").asLong()).isEqualTo(-bothCalls));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/tools/usage-stats",
                account.token()).data().path("yours").get(0).path("usesByChannel").path("model").asLong())
                .isEqualTo(1));
    }

    @Test
    void aModelThatCannotCallToolsIsOfferedNone() {
        Account account = register();
        String marker = "[no-tools] " + System.nanoTime();

        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", "Hi " + marker, "modelId",
                FakeProviders.FREE_MODEL), account.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(FakeProviders.completionRequests().stream().filter(body -> body.contains(marker)))
                .singleElement().satisfies(body -> assertThat(parse(body).has("tools")).isFalse());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
