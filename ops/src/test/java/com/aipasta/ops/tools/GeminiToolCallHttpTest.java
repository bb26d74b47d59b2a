package com.aipasta.ops.tools;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.StandalonePlatform;
import com.aipasta.ops.TemporaryDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Gemini model calls the calculator through Gemini's function calling, against a stand-in for the Gemini API that
 * streams {@code streamGenerateContent?alt=sse} as Gemini does, on a platform of its own with Gemini configured.
 */
class GeminiToolCallHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gemini/gemini-2.5-flash";
    private static final String GEMMA = "gemini/gemma-3-27b-it";
    private static final String SIGNATURE = "CpwCAdHtim9dhmsBmtR1tbk8Kq6nPe0hYQ3Yx9F/lfSVZx2X0HyGRq4iBSrKfdP0w6gUg==";
    private static final String ANSWER = "15 times 7 is 105.";
    private static final long FIRST_ROUND_TOKENS = 262;
    private static final long SECOND_ROUND_TOKENS = 299;

    private static final Queue<String> GENERATIONS = new ConcurrentLinkedQueue<>();
    private static MockWebServer gemini;
    private static ConfigurableApplicationContext platform;
    private static HttpApi api;

    @BeforeAll
    static void start() throws IOException {
        gemini = new MockWebServer();
        gemini.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/v1beta/models")) {
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body(MODELS).build();
                }
                if (path.endsWith(":streamGenerateContent") && "sse".equals(request.getUrl().queryParameter("alt"))) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    GENERATIONS.add(body);
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                            .body(body.contains("functionResponse") ? ANSWERED : body.contains("[calc]")
                                    ? CALLS_CALCULATOR : GREETING).build();
                }
                return new MockResponse.Builder().code(404)
                        .body("{\"error\":{\"code\":404,\"message\":\"not found\",\"status\":\"NOT_FOUND\"}}").build();
            }
        });
        gemini.start();
        platform = StandalonePlatform.start(TemporaryDirectories.create("aipasta-gemini-"),
                "--aipasta.providers.gemini.api-key=gemini-test-key",
                "--aipasta.providers.gemini.base-url=" + gemini.url("/v1beta"),
                "--aipasta.providers.gemini.free-models=gemini-2.5-flash,gemma-3-27b-it");
        api = StandalonePlatform.api(platform);
    }

    @AfterAll
    static void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        gemini.close();
    }

    private static String register() {
        HttpApi.Reply reply = api.post("/api/auth/register", Map.of("email", "gemini-" + UUID.randomUUID()
                + "@example.com", "password", "gemini test passphrase", "name", "Gemini Tester"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("token").asText();
    }

    @Test
    void theModelCallsTheCalculatorByFunctionCallingAndAnswersWithItsResultInOneTurnPaidOnce() throws Exception {
        String token = register();
        String question = "What is 15 times 7? [calc] " + UUID.randomUUID();

        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", question, "modelId", MODEL), token);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("message").path("content").asText()).isEqualTo(ANSWER);
        List<JsonNode> rounds = GENERATIONS.stream().filter(body -> body.contains(question))
                .map(GeminiToolCallHttpTest::parse).toList();
        assertThat(rounds).hasSize(2);

        JsonNode asking = rounds.get(0);
        assertThat(asking.path("contents")).isEqualTo(JSON.readTree(
                "[{\"role\":\"user\",\"parts\":[{\"text\":" + JSON.writeValueAsString(question) + "}]}]"));
        JsonNode declarations = asking.path("tools").path(0).path("functionDeclarations");
        assertThat(StreamSupport.stream(declarations.spliterator(), false).map(tool -> tool.path("name").asText()))
                .containsExactly("calculator", "color-palette", "echo", "format", "hash", "lorem", "regex");
        JsonNode calculator = declarations.get(0);
        assertThat(calculator.path("parameters").path("properties").path("number1").path("anyOf"))
                .as("a number or a string, as Gemini's schema says it")
                .isEqualTo(JSON.readTree("[{\"type\":\"number\"},{\"type\":\"string\"}]"));
        assertThat(calculator.path("parameters").path("required"))
                .isEqualTo(JSON.readTree("[\"operation\",\"number1\"]"));
        assertThat(declarations.findValues("additionalProperties")).isEmpty();
        assertThat(declarations.findValues("$schema")).isEmpty();

        JsonNode answering = rounds.get(1);
        assertThat(answering.path("contents").size()).isEqualTo(3);
        assertThat(answering.path("contents").get(0)).isEqualTo(asking.path("contents").get(0));
        assertThat(answering.path("contents").get(1)).isEqualTo(JSON.readTree("{\"role\":\"model\",\"parts\":["
                + "{\"functionCall\":{\"name\":\"calculator\",\"args\":{\"operation\":\"multiply\",\"number1\":15,"
                + "\"number2\":7}},\"thoughtSignature\":\"" + SIGNATURE + "\"}]}"));
        JsonNode result = answering.path("contents").get(2);
        assertThat(result.path("role").asText()).isEqualTo("user");
        assertThat(result.path("parts").size()).isEqualTo(1);
        JsonNode response = result.path("parts").get(0).path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("calculator");
        assertThat(response.path("response").path("operation").asText()).isEqualTo("multiply");
        assertThat(response.path("response").path("result").asText()).isEqualTo("105");
        assertThat(answering.path("tools").path(0).path("functionDeclarations")).isEqualTo(declarations);
        assertThat(answering.path("generationConfig")).isEqualTo(asking.path("generationConfig"));

        long bothRounds = FIRST_ROUND_TOKENS + SECOND_ROUND_TOKENS;
        assertThat(reply.data().path("usage").path("totalTokens").asLong()).isEqualTo(bothRounds);
        String sessionId = reply.data().path("session").path("id").asText();
        JsonNode messages = api.get("/api/chat/sessions/" + sessionId, token).data().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).path("content").asText()).isEqualTo(question);
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content").asText()).isEqualTo(ANSWER);
        assertThat(messages.get(1).path("thoughts").asText()).contains("Using the calculator");
        assertThat(messages.get(1).path("status").asText()).isEqualTo("complete");
        assertThat(messages.get(1).path("usage").path("totalTokens").asLong()).isEqualTo(bothRounds);

        assertThat(api.get("/api/user/wallet", token).data().path("balance").asLong()).isEqualTo(10_000 - bothRounds);
        assertThat(api.get("/api/user/wallet", token).data().path("reserved").asLong()).isZero();
        JsonNode ledger = api.get("/api/user/wallet/ledger", token).data().path("entries");
        assertThat(StreamSupport.stream(ledger.spliterator(), false)
                .filter(entry -> entry.path("type").asText().equals("spent")))
                .singleElement().satisfies(spent -> assertThat(spent.path("amount").asLong()).isEqualTo(-bothRounds));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/tools/usage-stats",
                token).data().path("yours").get(0).path("usesByChannel").path("model").asLong()).isEqualTo(1));
    }

    @Test
    void aGemmaModelIsOfferedNoTools() {
        String token = register();
        String question = "Hi " + UUID.randomUUID();

        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", question, "modelId", GEMMA), token);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(GENERATIONS.stream().filter(body -> body.contains(question))).singleElement()
                .satisfies(body -> assertThat(parse(body).has("tools")).isFalse());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MODELS = """
            {"models": [
              {"name": "models/gemini-2.5-flash", "version": "001", "displayName": "Gemini 2.5 Flash",
               "description": "Stable version of Gemini 2.5 Flash.", "inputTokenLimit": 1048576,
               "outputTokenLimit": 65536,
               "supportedGenerationMethods": ["generateContent", "countTokens", "createCachedContent",
                                              "batchGenerateContent"],
               "temperature": 1, "topP": 0.95, "topK": 64, "maxTemperature": 2, "thinking": true},
              {"name": "models/gemma-3-27b-it", "version": "001", "displayName": "Gemma 3 27B",
               "inputTokenLimit": 131072, "outputTokenLimit": 8192,
               "supportedGenerationMethods": ["generateContent", "countTokens"],
               "temperature": 1, "topP": 0.95, "topK": 64}
            ]}""";

    private static final String CALLS_CALCULATOR = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
            + "\"**Using the calculator**\\n\\nThe user wants 15 times 7; the calculator multiplies exactly.\","
            + "\"thought\": true}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 181,"
            + "\"totalTokenCount\": 181,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 181}]},"
            + "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"3fYxaNq9Gs7WnvgPn8ODuAw\"}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"calculator\","
            + "\"args\": {\"operation\": \"multiply\",\"number1\": 15,\"number2\": 7}},\"thoughtSignature\": \""
            + SIGNATURE + "\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],"
            + "\"usageMetadata\": {\"promptTokenCount\": 181,\"candidatesTokenCount\": 27,\"totalTokenCount\": "
            + FIRST_ROUND_TOKENS + ",\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 181}],"
            + "\"thoughtsTokenCount\": 54},\"modelVersion\": \"gemini-2.5-flash\","
            + "\"responseId\": \"3fYxaNq9Gs7WnvgPn8ODuAw\"}\r\n\r\n";

    private static final String ANSWERED = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
            + "\"15 times 7\"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 290,"
            + "\"candidatesTokenCount\": 4,\"totalTokenCount\": 294},\"modelVersion\": \"gemini-2.5-flash\","
            + "\"responseId\": \"5PYxaKOxBJ3WnvgP4ZqKkQ4\"}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" is 105.\"}],\"role\": \"model\"},"
            + "\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 290,"
            + "\"candidatesTokenCount\": 9,\"totalTokenCount\": " + SECOND_ROUND_TOKENS + "},"
            + "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"5PYxaKOxBJ3WnvgP4ZqKkQ4\"}\r\n\r\n";

    private static final String GREETING = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
            + "\"Hello! How can I help?\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],"
            + "\"usageMetadata\": {\"promptTokenCount\": 8,\"candidatesTokenCount\": 7,\"totalTokenCount\": 15},"
            + "\"modelVersion\": \"gemma-3-27b-it\",\"responseId\": \"6PYxaLu4M5XWnvgPt7GZqQ4\"}\r\n\r\n";
}
