package com.aipasta.ops.embedding;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.EMBEDDING_MODEL;
import static com.aipasta.ops.chat.FakeProviders.EMBEDDING_PROMPT_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Embeddings through the OpenAI-style stand-in, paid from the wallet as a client sees it. */
class EmbeddingsHttpTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Account premium() {
        Account account = register();
        assertThat(api.patch("/api/admin/users/" + account.id(), Map.of("plan", "premium"), admin().token())
                .status()).isEqualTo(200);
        return account;
    }

    private JsonNode wallet(Account account) {
        return api.get("/api/user/wallet", account.token()).data();
    }

    private static List<String> requestsWith(String marker) {
        return FakeProviders.embeddingRequests().stream().filter(body -> body.contains(marker)).toList();
    }

    private static String marker() {
        return "[embed-" + UUID.randomUUID() + "]";
    }

    @Test
    void embeddingsArePaidOnceByTheReportedUsageEvenWhenTheSameRequestIsRetried() throws Exception {
        Account account = premium();
        long balance = wallet(account).path("balance").asLong();
        String marker = marker();
        Map<String, Object> request = Map.of("input", List.of("first " + marker, "second " + marker),
                "modelId", EMBEDDING_MODEL, "requestId", "retry-" + UUID.randomUUID());

        HttpApi.Reply embedded = api.post("/api/embeddings", request, account.token());

        assertThat(embedded.status()).as(embedded.body().toString()).isEqualTo(200);
        List<String> sent = requestsWith(marker);
        assertThat(sent).hasSize(1);
        assertThat(JSON.readTree(sent.get(0)).toString()).isEqualTo("{\"model\":\"openai/text-embedding-3-small\","
                + "\"input\":[\"first " + marker + "\",\"second " + marker + "\"]}");
        JsonNode data = embedded.data();
        assertThat(data.path("model").asText()).isEqualTo(EMBEDDING_MODEL);
        assertThat(data.path("data")).hasSize(2);
        assertThat(data.path("data").get(0).toString()).isEqualTo("{\"index\":0,\"embedding\":[0.5,0.0]}");
        assertThat(data.path("data").get(1).toString()).isEqualTo("{\"index\":1,\"embedding\":[1.5,-1.0]}");
        assertThat(data.path("usage").path("promptTokens").asLong()).isEqualTo(EMBEDDING_PROMPT_TOKENS);
        assertThat(data.path("usage").path("totalTokens").asLong()).isEqualTo(EMBEDDING_PROMPT_TOKENS);
        assertThat(data.path("usage").path("reported").asBoolean()).isTrue();
        assertThat(data.path("wallet").path("balance").asLong()).isEqualTo(balance - EMBEDDING_PROMPT_TOKENS);
        assertThat(data.path("wallet").path("reserved").asLong()).isZero();

        HttpApi.Reply retried = api.post("/api/embeddings", request, account.token());

        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(409);
        assertThat(retried.code()).isEqualTo("CONFLICT");
        assertThat(requestsWith(marker)).as("the provider is not called again").hasSize(1);
        JsonNode after = wallet(account);
        assertThat(after.path("balance").asLong()).isEqualTo(balance - EMBEDDING_PROMPT_TOKENS);
        assertThat(after.path("reserved").asLong()).isZero();
    }

    @Test
    void oneTextIsSentAsAnArrayOfOne() throws Exception {
        Account account = premium();
        String marker = marker();

        HttpApi.Reply embedded = api.post("/api/embeddings", Map.of("input", "only " + marker,
                "modelId", EMBEDDING_MODEL), account.token());

        assertThat(embedded.status()).as(embedded.body().toString()).isEqualTo(200);
        assertThat(JSON.readTree(requestsWith(marker).get(0)).path("input").toString())
                .isEqualTo("[\"only " + marker + "\"]");
        assertThat(embedded.data().path("data")).hasSize(1);
    }

    @Test
    void aFailedProviderCallCostsNothingAndItsRequestIdIsNotReused() {
        Account account = premium();
        JsonNode before = wallet(account);
        String marker = marker();
        Map<String, Object> request = Map.of("input", List.of("[500] " + marker), "modelId", EMBEDDING_MODEL,
                "requestId", "failing-" + UUID.randomUUID());

        HttpApi.Reply failed = api.post("/api/embeddings", request, account.token());

        assertThat(failed.status()).as(failed.body().toString()).isEqualTo(502);
        assertThat(failed.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(failed.body().path("details").path("providerError").asText())
                .isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(failed.body().path("details").path("wallet").path("reserved").asLong()).isZero();
        assertThat(requestsWith(marker)).hasSize(1);
        JsonNode after = wallet(account);
        assertThat(after.path("balance").asLong()).isEqualTo(before.path("balance").asLong());
        HttpApi.Reply reused = api.post("/api/embeddings", request, account.token());
        assertThat(reused.status()).as(reused.body().toString()).isEqualTo(409);
        assertThat(reused.body().path("message").asText()).contains("a new request needs a new requestId");
        assertThat(requestsWith(marker)).hasSize(1);
        assertThat(after.path("usedTokens").asLong()).isEqualTo(before.path("usedTokens").asLong());
        assertThat(after.path("reserved").asLong()).isZero();
    }

    @Test
    void aChatModelMakesNoEmbeddingsAndAnEmbeddingModelAnswersNoChat() {
        Account account = premium();
        long balance = wallet(account).path("balance").asLong();

        HttpApi.Reply notEmbedding = api.post("/api/embeddings", Map.of("input", "text", "modelId", FREE_MODEL),
                account.token());
        HttpApi.Reply notChat = api.post("/api/chat", Map.of("message", "Hi", "modelId", EMBEDDING_MODEL),
                account.token());
        HttpApi.Reply unknown = api.post("/api/embeddings", Map.of("input", "text", "modelId", "openrouter/nope"),
                account.token());

        assertThat(notEmbedding.status()).isEqualTo(400);
        assertThat(notEmbedding.code()).isEqualTo("MODEL_NOT_EMBEDDING");
        assertThat(notChat.status()).as(notChat.body().toString()).isEqualTo(400);
        assertThat(notChat.code()).isEqualTo("MODEL_NOT_CHAT");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wallet(account).path("balance").asLong()).isEqualTo(balance);
        assertThat(wallet(account).path("reserved").asLong()).isZero();
    }

    @Test
    void theCatalogueListsTheEmbeddingModelAsSuch() {
        Account account = register();

        JsonNode embedding = api.get("/api/models/" + EMBEDDING_MODEL, account.token()).data();
        JsonNode chat = api.get("/api/models/" + FREE_MODEL, account.token()).data();

        assertThat(embedding.path("type").asText()).isEqualTo("embedding");
        assertThat(embedding.path("capabilities").toString()).isEqualTo("[\"embedding\"]");
        assertThat(chat.path("type").asText()).isEqualTo("chat");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsReservedOrSent() {
        Account account = premium();
        long balance = wallet(account).path("balance").asLong();
        String marker = marker();

        List<Object> bodies = List.of(
                Map.of("input", List.of(), "modelId", EMBEDDING_MODEL),
                Map.of("input", List.of("fine " + marker, " "), "modelId", EMBEDDING_MODEL),
                Map.of("input", List.of("fine " + marker, 42), "modelId", EMBEDDING_MODEL),
                Map.of("input", Collections.nCopies(101, marker), "modelId", EMBEDDING_MODEL),
                Map.of("input", marker + "x".repeat(32_000), "modelId", EMBEDDING_MODEL),
                Map.of("input", marker),
                Map.of("modelId", EMBEDDING_MODEL));
        for (Object body : bodies) {
            HttpApi.Reply refused = api.post("/api/embeddings", body, account.token());
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        }

        assertThat(requestsWith(marker)).isEmpty();
        assertThat(wallet(account).path("balance").asLong()).isEqualTo(balance);
    }
}
