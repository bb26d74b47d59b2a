package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regenerating a session's last answer without naming it, and the default model of a turn that names none. The
 * platform's preferred defaults (seed 000's OpenRouter models) are not in the stand-in's catalogue, so the default is
 * the first free model of the catalogue in its default order.
 */
class RegenerateAndDefaultModelHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private static Map<String, Object> turn(String message, String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        if (model != null) {
            body.put("modelId", model);
        }
        return body;
    }

    @Test
    void aTurnNamingNoModelAndNoSessionGoesToTheFirstFreeModelOfTheCatalogue() {
        Account account = register();
        String firstFree = api.get("/api/models?free=true", account.token()).data().path("models").get(0)
                .path("id").asText();

        HttpApi.Reply reply = api.post("/api/chat", turn("Which model are you? [default-model]", null),
                account.token());

        assertThat(firstFree).isEqualTo(FREE_MODEL);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(reply.data().path("autoSelected").asBoolean()).isFalse();
        assertThat(reply.data().path("message").path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(reply.data().path("session").path("modelId").asText()).isEqualTo(FREE_MODEL);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("[default-model]"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("\"model\":\"llama3.2\"");
    }

    @Test
    void aSessionCreatedWithoutAModelIsAnsweredByTheDefaultModel() {
        Account account = register();
        String sessionId = api.post("/api/chat/sessions", Map.of("title", "No model"), account.token()).data()
                .path("session").path("id").asText();
        Map<String, Object> body = turn("Hello", null);
        body.put("sessionId", sessionId);

        HttpApi.Reply reply = api.post("/api/chat", body, account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("modelId").asText()).isEqualTo(FREE_MODEL);
    }

    @Test
    void regeneratingTheLastAnswerAddsASiblingOfItAndPaysForIt() {
        Account account = register();
        JsonNode first = api.post("/api/chat", turn("First question", FREE_MODEL), account.token()).data();
        String sessionId = first.path("session").path("id").asText();
        Map<String, Object> second = turn("Second question [regen-last]", null);
        second.put("sessionId", sessionId);
        JsonNode secondTurn = api.post("/api/chat", second, account.token()).data();
        String secondAnswer = secondTurn.path("message").path("id").asText();
        String secondQuestion = secondTurn.path("message").path("parentId").asText();
        int requestsBefore = FakeProviders.completionRequests().size();

        HttpApi.Reply regenerated = api.post("/api/chat/sessions/" + sessionId + "/regenerate",
                Map.of("modelId", FREE_ROUTER_MODEL), account.token());

        assertThat(regenerated.status()).as(regenerated.body().toString()).isEqualTo(200);
        JsonNode answer = regenerated.data().path("message");
        assertThat(answer.path("id").asText()).isNotEqualTo(secondAnswer);
        assertThat(answer.path("parentId").asText()).isEqualTo(secondQuestion);
        assertThat(answer.path("content").asText()).isEqualTo(ANSWER);
        assertThat(answer.path("modelId").asText()).isEqualTo(FREE_ROUTER_MODEL);
        String sent = FakeProviders.completionRequests().get(requestsBefore);
        assertThat(sent).contains("First question").contains("Second question [regen-last]")
                .contains("\"model\":\"meta-llama/llama-3.3-70b-instruct:free\"");
        assertThat(sent.indexOf("Second question")).isGreaterThan(sent.indexOf(ANSWER));
        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(session.path("messages")).extracting(message -> message.path("id").asText())
                .containsExactly(first.path("message").path("parentId").asText(),
                        first.path("message").path("id").asText(), secondQuestion, answer.path("id").asText());
        assertThat(api.get("/api/chat/sessions/" + sessionId + "?branch=" + secondAnswer, account.token())
                .data().path("messages").get(3).path("id").asText()).isEqualTo(secondAnswer);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - 3 * USED);
    }

    @Test
    void regeneratingTheLastAnswerStreamsLikeATurn() {
        Account account = register();
        String sessionId = api.post("/api/chat", turn("Stream it again", FREE_MODEL), account.token()).data()
                .path("session").path("id").asText();

        EventStreamClient.Stream stream = new EventStreamClient(port)
                .post("/api/chat/sessions/" + sessionId + "/regenerate", account.token(), Map.of());

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.events().get(0).data().path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(stream.text()).isEqualTo(ANSWER);
        assertThat(stream.last().name()).isEqualTo("done");
        assertThat(stream.last().data().path("modelId").asText()).isEqualTo(FREE_MODEL);
    }

    @Test
    void regeneratingInASessionWithoutMessagesOrOfAnotherUserIsRefused() {
        Account account = register();
        Account stranger = register();
        String empty = api.post("/api/chat/sessions", Map.of(), account.token()).data().path("session").path("id")
                .asText();
        String used = api.post("/api/chat", turn("Mine", FREE_MODEL), account.token()).data().path("session")
                .path("id").asText();

        HttpApi.Reply nothingToAnswer = api.post("/api/chat/sessions/" + empty + "/regenerate", Map.of(),
                account.token());
        HttpApi.Reply foreign = api.post("/api/chat/sessions/" + used + "/regenerate", Map.of(), stranger.token());
        HttpApi.Reply unknown = api.post("/api/chat/sessions/session-nope/regenerate", Map.of(), account.token());

        assertThat(nothingToAnswer.status()).isEqualTo(409);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/user/wallet", stranger.token()).data().path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - USED);
    }
}
