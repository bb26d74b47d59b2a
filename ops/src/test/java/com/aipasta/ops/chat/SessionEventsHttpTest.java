package com.aipasta.ops.chat;

import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session's live event stream, read over real HTTP as a browser's EventSource would. */
class SessionEventsHttpTest extends PlatformTest {

    @Autowired
    private QueryUpdateEmitter updates;

    private String newSession(Account account) {
        HttpApi.Reply created = api.post("/api/chat/sessions", Map.of("title", "Live", "modelId",
                FakeProviders.FREE_MODEL), account.token());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.data().path("session").path("id").asText();
    }

    private boolean followed(String sessionId) {
        return updates.activeSubscriptions().stream().anyMatch(subscription ->
                subscription.getPayload() instanceof FollowSessionQuery query
                        && query.sessionId().value().equals(sessionId));
    }

    private static boolean finishedAnswer(EventStreamClient.Event event) {
        return event.name().equals("message") && event.data().path("role").asText().equals("assistant")
                && !event.data().path("status").asText().equals("generating");
    }

    @Test
    void anAsynchronousPluginSendArrivesOnTheOpenStreamAsTheToolMessageAndTheModelsAnswer() throws Exception {
        Account account = register();
        String sessionId = newSession(account);
        CompletableFuture<Void> listening = new CompletableFuture<>();

        CompletableFuture<EventStreamClient.Stream> stream = CompletableFuture.supplyAsync(() ->
                new EventStreamClient(port).getUntil("/api/chat/sessions/" + sessionId + "/events", account.token(),
                        event -> {
                            if (event.name().equals("session")) {
                                listening.complete(null);
                            }
                            return finishedAnswer(event);
                        }));
        listening.get(60, TimeUnit.SECONDS);
        HttpApi.Reply accepted = api.post("/api/plugins/builtin/calculator/send", Map.of("sessionId", sessionId,
                "parameters", Map.of("operation", "add", "number1", "0.1", "number2", "0.2"),
                "sendToModel", true, "runAsync", true), account.token());
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String jobId = accepted.data().path("jobId").asText();

        EventStreamClient.Stream events = stream.get(60, TimeUnit.SECONDS);

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.events().get(0).name()).isEqualTo("session");
        assertThat(events.events().get(0).data().path("id").asText()).isEqualTo(sessionId);
        List<JsonNode> messages = events.events().stream().filter(event -> event.name().equals("message"))
                .map(EventStreamClient.Event::data).toList();
        assertThat(messages).extracting(message -> message.path("role").asText() + ":"
                + message.path("status").asText()).containsExactly("tool:complete", "assistant:generating",
                "assistant:complete");
        JsonNode tool = messages.get(0);
        assertThat(tool.path("id").asText()).isEqualTo(jobId);
        assertThat(tool.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(tool.path("content").asText()).contains("\"result\":\"0.3\"");
        JsonNode answer = messages.get(2);
        assertThat(answer.path("id").asText()).isEqualTo(messages.get(1).path("id").asText());
        assertThat(answer.path("parentId").asText()).isEqualTo(jobId);
        assertThat(answer.path("content").asText()).isEqualTo(FakeProviders.ANSWER);
        assertThat(answer.path("usage").path("totalTokens").asLong())
                .isEqualTo(FakeProviders.PROMPT_TOKENS + FakeProviders.COMPLETION_TOKENS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(followed(sessionId))
                .as("the subscription ends once the client has left").isFalse());
    }

    @Test
    void aStreamOfAnotherUsersSessionOrOfNoSessionIsNotFound() {
        Account owner = register();
        String sessionId = newSession(owner);
        Account stranger = register();
        EventStreamClient client = new EventStreamClient(port);

        EventStreamClient.Stream foreign = client.get("/api/chat/sessions/" + sessionId + "/events", stranger.token());
        EventStreamClient.Stream missing = client.get("/api/chat/sessions/session-none/events", owner.token());

        for (EventStreamClient.Stream refused : List.of(foreign, missing)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.errorBody().path("code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(followed(sessionId)).isFalse();
        assertThat(api.get("/api/chat/sessions/" + sessionId + "/events", null).status()).isEqualTo(401);
    }
}
