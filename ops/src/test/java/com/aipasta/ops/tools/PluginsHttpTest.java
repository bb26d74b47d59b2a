package com.aipasta.ops.tools;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PluginsHttpTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> FIFTEEN_TIMES_SEVEN = Map.of("operation", "multiply", "number1", 15,
            "number2", 7);

    private String session(Account account) {
        return api.post("/api/chat/sessions", Map.of("title", "Plugins", "modelId", FREE_MODEL), account.token())
                .data().path("session").path("id").asText();
    }

    private static Map<String, Object> send(String sessionId, Map<String, Object> parameters, boolean toModel,
                                            boolean async) {
        Map<String, Object> body = new HashMap<>();
        body.put("sessionId", sessionId);
        body.put("parameters", parameters);
        body.put("sendToModel", toModel);
        body.put("runAsync", async);
        return body;
    }

    private JsonNode messages(Account account, String sessionId) {
        return api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages");
    }

    @Test
    void listsThePluginsByProvider() {
        Account account = register();

        JsonNode providers = api.get("/api/plugins", account.token()).data().path("providers");
        HttpApi.Reply builtin = api.get("/api/plugins/builtin", account.token());

        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("provider").asText()).isEqualTo("builtin");
        assertThat(StreamSupport.stream(builtin.data().path("plugins").spliterator(), false)
                .map(plugin -> plugin.path("name").asText()))
                .contains("calculator", "echo", "hash", "regex", "format", "lorem", "color-palette");
        assertThat(api.get("/api/plugins/google", account.token()).status()).isEqualTo(404);
    }

    @Test
    void theCallAndItsResultBecomeAToolMessageOfTheSession() throws Exception {
        Account account = register();
        String sessionId = session(account);

        HttpApi.Reply reply = api.post("/api/plugins/builtin/calculator/send",
                send(sessionId, FIFTEEN_TIMES_SEVEN, false, false), account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("result").path("result").asText()).isEqualTo("105");
        JsonNode message = reply.data().path("message");
        assertThat(message.path("role").asText()).isEqualTo("tool");
        assertThat(message.path("provider").asText()).isEqualTo("builtin");
        JsonNode content = JSON.readTree(message.path("content").asText());
        assertThat(content.path("tool").asText()).isEqualTo("calculator");
        assertThat(content.path("parameters").path("operation").asText()).isEqualTo("multiply");
        assertThat(content.path("result").path("result").asText()).isEqualTo("105");
        JsonNode messages = messages(account, sessionId);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("id").asText()).isEqualTo(message.path("id").asText());
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong()).isEqualTo(10_000);
        JsonNode usage = api.get("/api/tools/usage-stats", account.token()).data().path("yours").get(0);
        assertThat(usage.path("usesByChannel").path("plugin").asLong()).isEqualTo(1);
    }

    @Test
    void sendToModelHasTheSessionsModelAnswerTheResultInAPaidTurn() {
        Account account = register();
        String sessionId = session(account);
        api.post("/api/plugins/builtin/echo/send", send(sessionId, Map.of("message", "first"), false, false),
                account.token());

        HttpApi.Reply reply = api.post("/api/plugins/builtin/calculator/send",
                send(sessionId, Map.of("operation", "divide", "number1", "1", "number2", "8"), true, false),
                account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode answer = reply.data().path("answer");
        assertThat(answer.path("status").asText()).isEqualTo("complete");
        assertThat(answer.path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(answer.path("message").path("parentId").asText())
                .isEqualTo(reply.data().path("message").path("id").asText());
        long used = PROMPT_TOKENS + COMPLETION_TOKENS;
        assertThat(answer.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - used);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("0.125"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(sent).contains("\\\"tool\\\":\\\"calculator\\\"").contains("\\\"tool\\\":\\\"echo\\\"");
        assertThat(messages(account, sessionId)).extracting(message -> message.path("role").asText())
                .containsExactly("tool", "tool", "assistant");
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - used);
    }

    @Test
    void runAsyncAnswers202AndTheMessagesArriveInTheSession() {
        Account account = register();
        String sessionId = session(account);

        HttpApi.Reply reply = api.post("/api/plugins/builtin/calculator/send",
                send(sessionId, FIFTEEN_TIMES_SEVEN, true, true), account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
        String jobId = reply.data().path("jobId").asText();
        assertThat(jobId).startsWith("msg-");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode messages = messages(account, sessionId);
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).path("id").asText()).isEqualTo(jobId);
            assertThat(messages.get(0).path("content").asText()).contains("105");
            assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
            assertThat(messages.get(1).path("status").asText()).isEqualTo("complete");
            assertThat(messages.get(1).path("parentId").asText()).isEqualTo(jobId);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/user/wallet",
                account.token()).data().path("balance").asLong()).isEqualTo(10_000 - PROMPT_TOKENS - COMPLETION_TOKENS));
    }

    @Test
    void refusedParametersAnUnknownPluginOrAnotherUsersSessionChangeNothing() {
        Account account = register();
        Account stranger = register();
        String sessionId = session(account);

        HttpApi.Reply divideByZero = api.post("/api/plugins/builtin/calculator/send",
                send(sessionId, Map.of("operation", "divide", "number1", 1, "number2", 0), true, false),
                account.token());
        HttpApi.Reply asyncDivideByZero = api.post("/api/plugins/builtin/calculator/send",
                send(sessionId, Map.of("operation", "divide", "number1", 1, "number2", 0), true, true),
                account.token());
        HttpApi.Reply unknown = api.post("/api/plugins/builtin/teleport/send", send(sessionId, Map.of(), false, false),
                account.token());
        HttpApi.Reply foreign = api.post("/api/plugins/builtin/echo/send",
                send(sessionId, Map.of("message", "hi"), false, false), stranger.token());
        HttpApi.Reply foreignAsync = api.post("/api/plugins/builtin/echo/send",
                send(sessionId, Map.of("message", "hi"), false, true), stranger.token());
        HttpApi.Reply noSession = api.post("/api/plugins/builtin/echo/send",
                Map.of("parameters", Map.of("message", "hi")), account.token());

        assertThat(divideByZero.status()).isEqualTo(400);
        assertThat(divideByZero.body().path("details").path("number2").asText()).contains("must not be zero");
        assertThat(asyncDivideByZero.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreignAsync.status()).isEqualTo(404);
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(messages(account, sessionId)).isEmpty();
        assertThat(api.get("/api/tools/usage-stats", account.token()).data().path("yours")).isEmpty();
        assertThat(api.get("/api/tools/usage-stats", stranger.token()).data().path("yours")).isEmpty();
        assertThat(List.of(account, stranger)).allSatisfy(user -> assertThat(api.get("/api/user/wallet",
                user.token()).data().path("balance").asLong()).isEqualTo(10_000));
    }
}
