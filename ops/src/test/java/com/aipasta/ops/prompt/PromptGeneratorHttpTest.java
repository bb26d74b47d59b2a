package com.aipasta.ops.prompt;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.GENERATED_PROMPT;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prompt generator against the provider stand-in, which answers in the documented format, inside a code fence,
 * or not at all in it; every run is paid from the wallet like a turn.
 */
class PromptGeneratorHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private HttpApi.Reply generate(Account account, String input, String modelId) {
        Map<String, Object> body = new HashMap<>();
        body.put("input", input);
        body.put("modelId", modelId);
        return api.post("/api/prompt-generator", body, account.token());
    }

    private long balance(Account account) {
        return api.get("/api/user/wallet", account.token()).data().path("balance").asLong();
    }

    private JsonNode history(Account account) {
        HttpApi.Reply reply = api.get("/api/prompt-generator/history", account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data();
    }

    @Test
    void aWellFormedAnswerBecomesAStructuredPromptPaidFromTheWallet() {
        Account account = register();

        HttpApi.Reply reply = generate(account, "haiku rain city night [prompt-json]", FREE_MODEL);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode data = reply.data();
        assertThat(data.path("id").asText()).matches("promptgen-[0-9a-f]{32}");
        assertThat(data.path("prompt").asText()).isEqualTo(GENERATED_PROMPT);
        assertThat(data.path("category").asText()).isEqualTo("writing");
        assertThat(data.path("improvements").get(0).asText()).isEqualTo("gave the model a role");
        assertThat(data.path("improvements")).hasSize(2);
        assertThat(data.path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(data.path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        assertThat(data.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - USED);
        assertThat(balance(account)).isEqualTo(10_000 - USED);
        JsonNode spent = api.get("/api/user/wallet/ledger", account.token()).data().path("entries").get(0);
        assertThat(spent.path("amount").asLong()).isEqualTo(-USED);
        assertThat(spent.path("reference").asText()).isEqualTo(data.path("id").asText());

        String sent = FakeProviders.completionRequests().stream()
                .filter(body -> body.contains("haiku rain city night")).findFirst().orElseThrow();
        assertThat(sent).contains("\"role\":\"system\"").contains("Answer with exactly one JSON object");

        JsonNode runs = history(account);
        assertThat(runs.path("generations")).hasSize(1);
        JsonNode run = runs.path("generations").get(0);
        assertThat(run.path("id").asText()).isEqualTo(data.path("id").asText());
        assertThat(run.path("input").asText()).isEqualTo("haiku rain city night [prompt-json]");
        assertThat(run.path("prompt").asText()).isEqualTo(GENERATED_PROMPT);
        assertThat(run.path("status").asText()).isEqualTo("generated");
        assertThat(runs.path("pagination").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anAnswerInsideACodeFenceIsReadToo() {
        Account account = register();

        HttpApi.Reply reply = generate(account, "a poem [prompt-fenced]", FREE_MODEL);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("prompt").asText()).isEqualTo(GENERATED_PROMPT);
    }

    @Test
    void aMalformedAnswerIsA502ThatStillPaysForTheTokensUsed() {
        Account account = register();

        HttpApi.Reply reply = generate(account, "make it better [prompt-bad]", FREE_MODEL);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("PROMPT_GENERATOR_BAD_ANSWER");
        assertThat(reply.body().path("message").asText()).contains("format");
        assertThat(reply.body().path("details").path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        assertThat(reply.body().path("details").path("user").path("tokens").path("balance").asLong())
                .isEqualTo(10_000 - USED);
        assertThat(balance(account)).isEqualTo(10_000 - USED);
        JsonNode run = history(account).path("generations").get(0);
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("errorCode").asText()).isEqualTo("PROMPT_GENERATOR_BAD_ANSWER");
        String id = reply.body().path("details").path("id").asText();
        assertThat(api.post("/api/prompt-generator/" + id + "/feedback", Map.of("rating", 3), account.token())
                .status()).isEqualTo(409);
        assertThat(api.post("/api/prompt-generator/" + id + "/save-as-template", Map.of(), account.token())
                .status()).isEqualTo(409);
    }

    @Test
    void aProviderFailureIsA502AndReleasesTheReservation() {
        Account account = register();

        HttpApi.Reply reply = generate(account, "anything [500]", FREE_MODEL);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(reply.body().path("details").path("providerError").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(balance(account)).isEqualTo(10_000);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("reserved").asLong()).isZero();
        assertThat(history(account).path("generations").get(0).path("errorCode").asText())
                .isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void feedbackRatesARunAndSavingItMakesATemplate() {
        Account account = register();
        String id = generate(account, "haiku [prompt-json]", FREE_MODEL).data().path("id").asText();

        HttpApi.Reply rated = api.post("/api/prompt-generator/" + id + "/feedback", Map.of("rating", 5),
                account.token());
        assertThat(rated.status()).as(rated.body().toString()).isEqualTo(200);
        assertThat(rated.data().path("generation").path("rating").asInt()).isEqualTo(5);
        assertThat(api.post("/api/prompt-generator/" + id + "/feedback", Map.of("rating", 2), account.token())
                .data().path("generation").path("rating").asInt()).isEqualTo(2);

        HttpApi.Reply saved = api.post("/api/prompt-generator/" + id + "/save-as-template",
                Map.of("name", "Rainy haiku"), account.token());
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(201);
        JsonNode template = saved.data().path("template");
        assertThat(template.path("name").asText()).isEqualTo("Rainy haiku");
        assertThat(template.path("instruction").asText()).isEqualTo(GENERATED_PROMPT);
        assertThat(template.path("tags").get(0).asText()).isEqualTo("writing");
        assertThat(template.path("isPublic").asBoolean()).isFalse();
        assertThat(api.get("/api/templates", account.token()).data().path("templates").get(0).path("id").asText())
                .isEqualTo(template.path("id").asText());
        assertThat(history(account).path("generations").get(0).path("templateIds").get(0).asText())
                .isEqualTo(template.path("id").asText());
        assertThat(history(account).path("generations").get(0).path("rating").asInt()).isEqualTo(2);
    }

    @Test
    void refusalsComeBeforeAnyProviderCallAndChangeNothing() {
        Account account = register();
        Account stranger = register();
        String id = generate(account, "haiku [prompt-json]", FREE_MODEL).data().path("id").asText();
        int calls = FakeProviders.completionRequests().size();

        HttpApi.Reply blank = generate(stranger, " ", FREE_MODEL);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().path("details").has("input")).isTrue();
        assertThat(generate(stranger, "x".repeat(10_001), FREE_MODEL).status()).isEqualTo(400);
        HttpApi.Reply paywall = generate(stranger, "hi", FakeProviders.PAID_MODEL);
        assertThat(paywall.status()).isEqualTo(403);
        assertThat(paywall.code()).isEqualTo("PAYWALL");
        assertThat(generate(stranger, "hi", "local/no-such-model").status()).isEqualTo(404);
        HttpApi.Reply tooCostly = generate(stranger, rareIdeographs(9_500), FREE_MODEL);
        assertThat(tooCostly.code()).as(tooCostly.body().toString()).isEqualTo("INSUFFICIENT_TOKENS");
        assertThat(tooCostly.body().path("details").path("available").asLong()).isEqualTo(10_000);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        assertThat(balance(stranger)).isEqualTo(10_000);
        assertThat(history(stranger).path("generations")).isEmpty();

        assertThat(api.post("/api/prompt-generator/" + id + "/feedback", Map.of("rating", 5), stranger.token())
                .status()).isEqualTo(404);
        assertThat(api.post("/api/prompt-generator/" + id + "/save-as-template", Map.of(), stranger.token())
                .status()).isEqualTo(404);
        HttpApi.Reply badRating = api.post("/api/prompt-generator/" + id + "/feedback", Map.of("rating", 6),
                account.token());
        assertThat(badRating.status()).isEqualTo(400);
        assertThat(badRating.body().path("details").has("rating")).isTrue();
        assertThat(api.post("/api/prompt-generator/promptgen-nope/feedback", Map.of("rating", 5), account.token())
                .status()).isEqualTo(404);
        assertThat(api.get("/api/prompt-generator/history?limit=0", account.token()).status()).isEqualTo(400);
        assertThat(history(account).path("generations").get(0).path("rating").isNumber()).isFalse();
    }

    /** An input within the length limit whose estimate exceeds a new wallet: each of these counts several tokens. */
    private static String rareIdeographs(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(0x4E00 + 7 * i % 20_000);
        }
        return text.toString();
    }

    @Test
    void withoutAModelTheDefaultModelAnswers() {
        Account account = register();

        HttpApi.Reply reply = generate(account, "default [prompt-json]", null);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(List.of(FREE_MODEL, FakeProviders.FREE_ROUTER_MODEL)).contains(reply.data().path("modelId")
                .asText());
    }
}
