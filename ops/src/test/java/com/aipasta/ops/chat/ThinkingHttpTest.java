package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PAID_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** A turn's thinking settings: sent to the provider, reserved like the answer's tokens, and validated. */
class ThinkingHttpTest extends PlatformTest {

    private static Map<String, Object> turn(String message, Map<String, Object> thinking) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        body.put("modelId", FREE_ROUTER_MODEL);
        body.put("options", Map.of("maxTokens", 256, "thinking", thinking));
        return body;
    }

    @Test
    void theThinkingBudgetGoesToTheProviderAsReasoning() {
        Account account = register();

        HttpApi.Reply reply = api.post("/api/chat", turn("Think first [thinking-budget]",
                Map.of("enabled", true, "budgetTokens", 1500)), account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("[thinking-budget]"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("\"reasoning\":{\"max_tokens\":1500}").contains("\"max_tokens\":256");
    }

    @Test
    void thinkingOffLeavesTheReasoningOutOfTheAnswer() {
        Account account = register();

        HttpApi.Reply reply = api.post("/api/chat", turn("No thinking [thinking-off]", Map.of("enabled", false)),
                account.token());

        assertThat(reply.status()).isEqualTo(200);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("[thinking-off]"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("\"reasoning\":{\"exclude\":true}");
    }

    @Test
    void theThinkingBudgetIsReservedLikeTheAnswersTokens() {
        Account account = register();
        int calls = FakeProviders.completionRequests().size();

        HttpApi.Reply refused = api.post("/api/chat", turn("Think a lot", Map.of("enabled", true,
                "budgetTokens", 9_800)), account.token());
        HttpApi.Reply withoutThinking = api.post("/api/chat", turn("Think a lot", Map.of("enabled", false,
                "budgetTokens", 9_800)), account.token());

        assertThat(refused.status()).isEqualTo(402);
        long required = refused.body().path("details").path("required").asLong();
        assertThat(required).as("the prompt, 256 answer tokens and 9,800 thinking tokens")
                .isGreaterThan(256 + 9_800).isLessThan(256 + 9_800 + 50);
        assertThat(withoutThinking.status()).isEqualTo(200);
        assertThat(FakeProviders.completionRequests()).hasSize(calls + 1);
    }

    @Test
    void badThinkingSettingsAreRefusedByName() {
        Account account = register();

        HttpApi.Reply negative = api.post("/api/chat", turn("Hi", Map.of("enabled", true, "budgetTokens", -1)),
                account.token());
        HttpApi.Reply huge = api.post("/api/chat", turn("Hi", Map.of("enabled", true, "budgetTokens", 1_000_000)),
                account.token());
        HttpApi.Reply unsaid = api.post("/api/chat", turn("Hi", Map.of("budgetTokens", 100)), account.token());

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().path("details").has("options.thinking.budgetTokens")).isTrue();
        assertThat(huge.status()).isEqualTo(400);
        assertThat(unsaid.status()).isEqualTo(400);
        assertThat(unsaid.body().path("details").has("options.thinking.enabled")).isTrue();
    }

    @Test
    void theCatalogueSaysWhichModelsReason() {
        String token = register().token();

        assertThat(api.get("/api/models/" + PAID_MODEL, token).data().path("reasoning").asBoolean()).isTrue();
        assertThat(api.get("/api/models/" + FREE_ROUTER_MODEL, token).data().path("reasoning").asBoolean())
                .isFalse();
        assertThat(api.get("/api/models/" + FREE_MODEL, token).data().has("reasoning")).isTrue();
    }
}
