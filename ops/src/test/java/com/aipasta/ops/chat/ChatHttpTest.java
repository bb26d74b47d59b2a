package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.projections.chat.ChatSessionDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChatHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private EventStreamClient events;
    @Autowired
    private LargestReadProbe reads;
    @Autowired
    private MongoTemplate readModels;

    @BeforeEach
    void connectEvents() {
        events = new EventStreamClient(port);
    }

    private static Map<String, Object> turn(String message, String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        body.put("modelId", model);
        return body;
    }

    private HttpApi.Reply chat(Account account, Map<String, Object> body) {
        return api.post("/api/chat", body, account.token());
    }

    private long balance(Account account) {
        return api.get("/api/user/wallet", account.token()).data().path("balance").asLong();
    }

    /**
     * The chat read model stores a batch's sessions a moment before its messages: a session that already names its
     * newest message as its active leaf shows the branch stored so far, not 404.
     */
    @Test
    void aSessionWhoseActiveLeafIsNotStoredYetShowsTheBranchStoredSoFar() {
        Account account = register();
        JsonNode first = chat(account, turn("Where it starts", FREE_MODEL)).data();
        String sessionId = first.path("session").path("id").asText();
        String answerId = first.path("message").path("id").asText();
        readModels.updateFirst(Query.query(Criteria.where("_id").is(sessionId)),
                new Update().set("activeLeafId", "msg-not-stored-yet"), ChatSessionDocument.class);

        HttpApi.Reply detail = api.get("/api/chat/sessions/" + sessionId, account.token());

        assertThat(detail.status()).as(detail.body().toString()).isEqualTo(200);
        assertThat(detail.data().path("messages")).extracting(message -> message.path("role").asText())
                .containsExactly("user", "assistant");
        assertThat(detail.data().path("messages").get(1).path("id").asText()).isEqualTo(answerId);
        assertThat(api.get("/api/chat/sessions/" + sessionId + "?branch=msg-not-stored-yet", account.token())
                .status()).as("a branch asked for by name must exist").isEqualTo(404);
    }

    @Test
    void aTurnAnswersAsOneJsonDocumentAndPaysForWhatTheModelUsed() {
        Account account = register();

        HttpApi.Reply reply = chat(account, turn("Hi there", FREE_MODEL));

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode data = reply.data();
        assertThat(data.path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(data.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(data.path("message").path("status").asText()).isEqualTo("complete");
        assertThat(data.path("message").path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(data.path("usage").path("promptTokens").asLong()).isEqualTo(PROMPT_TOKENS);
        assertThat(data.path("usage").path("completionTokens").asLong()).isEqualTo(COMPLETION_TOKENS);
        assertThat(data.path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        assertThat(data.path("session").path("title").asText()).isEqualTo("Hi there");
        assertThat(data.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - USED);
        assertThat(data.path("user").path("tokens").path("usedTokens").asLong()).isEqualTo(USED);
        assertThat(data.path("user").path("tokens").path("reserved").asLong()).isZero();
        assertThat(balance(account)).isEqualTo(10_000 - USED);
        JsonNode spent = api.get("/api/user/wallet/ledger", account.token()).data().path("entries").get(0);
        assertThat(spent.path("type").asText()).isEqualTo("spent");
        assertThat(spent.path("amount").asLong()).isEqualTo(-USED);
        assertThat(spent.path("reference").asText()).isEqualTo(data.path("message").path("id").asText());
    }

    @Test
    void aClientThatAcceptsAnythingGetsJson() {
        Account account = register();
        String body = "{\"message\":\"Hi\",\"modelId\":\"" + FREE_MODEL + "\"}";

        HttpApi.Reply anything = api.send(api.request("/api/chat", account.token()).setHeader("Accept", "*/*")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertThat(anything.status()).isEqualTo(200);
        assertThat(anything.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(anything.data().path("message").path("content").asText()).isEqualTo(ANSWER);
    }

    @Test
    void aTurnStreamsAsServerSentEvents() {
        Account account = register();

        EventStreamClient.Stream stream = events.post("/api/chat", account.token(), turn("Stream please", FREE_MODEL));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.events().get(0).name()).isEqualTo("meta");
        JsonNode meta = stream.events().get(0).data();
        assertThat(meta.path("sessionId").asText()).startsWith("session-");
        assertThat(stream.events()).filteredOn(event -> event.name().equals("delta")).isNotEmpty();
        assertThat(stream.text()).isEqualTo(ANSWER);
        EventStreamClient.Event done = stream.last();
        assertThat(done.name()).isEqualTo("done");
        assertThat(done.data().path("message").path("id").asText()).isEqualTo(meta.path("messageId").asText());
        assertThat(done.data().path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(done.data().path("usage").path("totalTokens").asLong()).isEqualTo(USED);
        assertThat(done.data().path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - USED);
    }

    @Test
    void theWholeHistoryOfTheSessionGoesToTheModel() {
        Account account = register();
        String sessionId = chat(account, turn("First question [marker-a]", FREE_MODEL)).data().path("session")
                .path("id").asText();
        Map<String, Object> second = turn("Second question [marker-b]", null);
        second.put("sessionId", sessionId);

        HttpApi.Reply reply = chat(account, second);

        assertThat(reply.status()).isEqualTo(200);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("[marker-b]"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("First question [marker-a]").contains(ANSWER);
        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(session.path("messages")).hasSize(4);
        assertThat(session.path("messages")).extracting(message -> message.path("role").asText())
                .containsExactly("user", "assistant", "user", "assistant");
        assertThat(session.path("session").path("totalTokens").asLong()).isEqualTo(2 * USED);
    }

    /**
     * Five messages of about 8,000 tokens each: by the fifth, the session is longer than the 32,000 tokens of
     * {@code CHAT_CONTEXT_TOKENS} less the answer's 1,024, so the oldest turns are left out of what the model is sent.
     */
    @Test
    void aLongSessionSendsTheModelTheNewestMessagesThatFitTheContext() throws Exception {
        Account account = register();
        assertThat(api.post("/api/admin/users/" + account.id() + "/tokens",
                Map.of("amount", 100_000, "reason", "a long session"), admin().token()).status()).isEqualTo(200);
        String filler = " lorem ipsum".repeat(4_000);
        String sessionId = null;
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> body = turn("[long-" + i + "]" + filler, FREE_MODEL);
            body.put("sessionId", sessionId);
            HttpApi.Reply reply = chat(account, body);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
            sessionId = reply.data().path("session").path("id").asText();
        }

        String sent = FakeProviders.completionRequests().stream().filter(request -> request.contains("[long-5]"))
                .findFirst().orElseThrow();
        JsonNode messages = new ObjectMapper().readTree(sent).path("messages");
        assertThat(sent).contains("[long-3]", "[long-4]").doesNotContain("[long-1]", "[long-2]");
        assertThat(messages).extracting(message -> message.path("role").asText())
                .containsExactly("user", "assistant", "user", "assistant", "user");
        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages")).hasSize(10);
    }

    /** Its answer as JSON, then streamed: the most documents one read of the request's made for the session. */
    private int largestReadOfTwoTurns(Account account, String sessionId) {
        reads.watch(sessionId);
        Map<String, Object> body = turn("Once more", null);
        body.put("sessionId", sessionId);
        assertThat(chat(account, body).status()).isEqualTo(200);
        EventStreamClient.Stream streamed = events.post("/api/chat", account.token(), body);
        assertThat(streamed.status()).as("%s", streamed.errorBody()).isEqualTo(200);
        assertThat(streamed.last().name()).isEqualTo("done");
        return reads.stop(sessionId);
    }

    @Test
    void aTurnReadsNoMoreOfItsSessionAsTheSessionGrows() {
        Account account = register();
        String sessionId = chat(account, turn("Where it starts", FREE_MODEL)).data().path("session").path("id")
                .asText();

        int early = largestReadOfTwoTurns(account, sessionId);
        for (int i = 0; i < 3; i++) {
            largestReadOfTwoTurns(account, sessionId);
        }
        int late = largestReadOfTwoTurns(account, sessionId);

        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("messages")).hasSize(22);
        assertThat(late).as("documents in the largest read from 18 messages on, against %d from 2 on", early)
                .isEqualTo(early);
    }

    @Test
    void aWalletThatCannotCoverTheEstimateGets402AndNoProviderCall() {
        Account account = register();
        int calls = FakeProviders.completionRequests().size();
        String huge = "lorem ipsum dolor sit amet ".repeat(3_500);

        HttpApi.Reply reply = chat(account, turn(huge, FREE_MODEL));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.code()).isEqualTo("INSUFFICIENT_TOKENS");
        assertThat(reply.body().path("details").path("required").asLong()).isGreaterThan(10_000);
        assertThat(reply.body().path("details").path("available").asLong()).isEqualTo(10_000);
        assertThat(reply.body().path("details").path("user").path("tokens").path("balance").asLong())
                .isEqualTo(10_000);
        assertThat(FakeProviders.completionRequests()).hasSize(calls);
        EventStreamClient.Stream streamed = events.post("/api/chat", account.token(), turn(huge, FREE_MODEL));
        assertThat(streamed.status()).isEqualTo(402);
        assertThat(streamed.errorBody().path("code").asText()).isEqualTo("INSUFFICIENT_TOKENS");
    }

    @Test
    void aPaidModelIsBehindThePaywallForTheFreePlan() {
        Account account = register();

        HttpApi.Reply reply = chat(account, turn("Hi", FakeProviders.PAID_MODEL));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("PAYWALL");
        assertThat(reply.body().path("details").path("requiredPlan").asText()).isEqualTo("premium");
        assertThat(balance(account)).isEqualTo(10_000);
    }

    @Test
    void theDailyQuotaOfThePlanIsEnforced() {
        Account account = register();
        for (int i = 0; i < 12; i++) {
            assertThat(chat(account, turn("Quota " + i, FakeProviders.FREE_ROUTER_MODEL)).status()).isEqualTo(200);
        }

        HttpApi.Reply reply = chat(account, turn("One too many", FakeProviders.FREE_ROUTER_MODEL));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(reply.body().path("details").path("limit").asInt()).isEqualTo(12);
        assertThat(reply.body().path("details").path("used").asInt()).isEqualTo(12);
        assertThat(reply.body().path("details").path("resetTime").asText()).endsWith("T00:00:00Z");
        assertThat(reply.body().path("details").path("user").path("tokens").path("balance").asLong())
                .isEqualTo(10_000 - 12 * USED);
    }

    @Test
    void anotherUsersSessionAndMessagesAreNotFound() {
        Account owner = register();
        Account stranger = register();
        JsonNode answer = chat(owner, turn("Private", FREE_MODEL)).data();
        String sessionId = answer.path("session").path("id").asText();
        String messageId = answer.path("message").path("id").asText();
        Map<String, Object> intrusion = turn("Let me in", FREE_MODEL);
        intrusion.put("sessionId", sessionId);

        assertThat(api.get("/api/chat/sessions/" + sessionId, stranger.token()).status()).isEqualTo(404);
        assertThat(chat(stranger, intrusion).status()).isEqualTo(404);
        assertThat(api.patch("/api/chat/sessions/" + sessionId, Map.of("title", "Mine"), stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/chat/sessions/" + sessionId, stranger.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/chat/messages/" + messageId, stranger.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/chat/messages/" + messageId + "/regenerate", Map.of(), stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/chat/messages/" + messageId + "/stream", stranger.token()).status()).isEqualTo(404);
        assertThat(balance(stranger)).isEqualTo(10_000);
        assertThat(api.get("/api/chat/sessions/" + sessionId, owner.token()).status()).isEqualTo(200);
    }

    /**
     * A change naming nothing to change sends no command, so no projection will ever answer a wait for it: the session
     * as it stands comes back at once, and an unknown or another user's session is not found at once.
     */
    @Test
    void aChangeNamingNothingAnswersAtOnce() {
        Account owner = register();
        Account stranger = register();
        String sessionId = chat(owner, turn("Keep me", FREE_MODEL)).data().path("session").path("id").asText();

        HttpApi.Reply unchanged = api.patch("/api/chat/sessions/" + sessionId, Map.of("title", " "), owner.token());
        assertThat(unchanged.status()).as(unchanged.body().toString()).isEqualTo(200);
        assertThat(unchanged.data().path("session").path("id").asText()).isEqualTo(sessionId);
        assertThat(api.patch("/api/chat/sessions/" + sessionId, Map.of(), stranger.token()).status()).isEqualTo(404);
        assertThat(api.patch("/api/chat/sessions/" + UUID.randomUUID(), Map.of(), owner.token()).status())
                .isEqualTo(404);
    }

    @Test
    void aProviderFailingMidStreamEndsInAPartialAnswerPaidForWhatWasStreamed() {
        Account account = register();

        EventStreamClient.Stream stream = events.post("/api/chat", account.token(), turn("Talk [cut]", FREE_MODEL));

        assertThat(stream.text()).isEqualTo("Hello! How");
        EventStreamClient.Event error = stream.last();
        assertThat(error.name()).isEqualTo("error");
        assertThat(error.data().path("code").asText()).isEqualTo("PROVIDER_CONNECTION");
        assertThat(error.data().path("partial").path("status").asText()).isEqualTo("partial");
        assertThat(error.data().path("partial").path("content").asText()).isEqualTo("Hello! How");
        long charged = 10_000 - error.data().path("user").path("tokens").path("balance").asLong();
        assertThat(charged).isPositive().isLessThan(100);
        assertThat(error.data().path("user").path("tokens").path("reserved").asLong()).isZero();
    }

    @Test
    void aProviderRefusalReleasesTheReservation() {
        Account account = register();

        HttpApi.Reply limited = chat(account, turn("Hi [429]", FREE_MODEL));
        HttpApi.Reply broken = chat(account, turn("Hi [500]", FREE_MODEL));

        assertThat(limited.status()).isEqualTo(502);
        assertThat(limited.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(limited.body().path("details").path("providerError").asText()).isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(limited.body().path("details").path("message").path("status").asText()).isEqualTo("failed");
        assertThat(broken.body().path("details").path("providerError").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        JsonNode tokens = api.get("/api/user/wallet", account.token()).data();
        assertThat(tokens.path("balance").asLong()).isEqualTo(10_000);
        assertThat(tokens.path("reserved").asLong()).isZero();
    }

    @Test
    void sessionsAreCreatedListedRenamedAndDeleted() {
        Account account = register();
        HttpApi.Reply created = api.post("/api/chat/sessions",
                Map.of("title", "Planning", "systemInstruction", "Answer in French", "modelId", FREE_MODEL),
                account.token());
        assertThat(created.status()).isEqualTo(201);
        String sessionId = created.data().path("session").path("id").asText();
        chat(account, turn("Older session", FREE_MODEL));
        Map<String, Object> inPlanning = turn("Bonjour", null);
        inPlanning.put("sessionId", sessionId);
        assertThat(chat(account, inPlanning).status()).isEqualTo(200);
        String sent = FakeProviders.completionRequests().stream().filter(body -> body.contains("Bonjour"))
                .findFirst().orElseThrow();
        assertThat(sent).contains("\"role\":\"system\"").contains("Answer in French");

        JsonNode list = api.get("/api/chat/sessions?page=1&limit=1", account.token()).data();
        assertThat(list.path("sessions")).hasSize(1);
        assertThat(list.path("sessions").get(0).path("id").asText()).isEqualTo(sessionId);
        assertThat(list.path("pagination").path("total").asLong()).isEqualTo(2);
        assertThat(list.path("pagination").path("totalPages").asInt()).isEqualTo(2);

        HttpApi.Reply renamed = api.patch("/api/chat/sessions/" + sessionId,
                Map.of("title", "Plans", "options", Map.of("temperature", 0.3)), account.token());
        assertThat(renamed.data().path("session").path("title").asText()).isEqualTo("Plans");
        assertThat(renamed.data().path("session").path("systemInstruction").asText()).isEqualTo("Answer in French");
        assertThat(api.patch("/api/chat/sessions/" + sessionId, Map.of("options", Map.of("temperature", 7)),
                account.token()).status()).isEqualTo(400);

        JsonNode stats = api.get("/api/chat/stats", account.token()).data();
        assertThat(stats.path("sessions").asLong()).isEqualTo(2);
        assertThat(stats.path("answers").asLong()).isEqualTo(2);
        assertThat(stats.path("totalTokens").asLong()).isEqualTo(2 * USED);

        assertThat(api.delete("/api/chat/sessions/" + sessionId, account.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/chat/sessions/" + sessionId, account.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/chat/sessions", account.token()).data().path("pagination").path("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void turnsAreValidated() {
        Account account = register();

        HttpApi.Reply empty = chat(account, turn(" ", FREE_MODEL));
        HttpApi.Reply unknownModel = chat(account, turn("Hi", "local/nope"));
        Map<String, Object> badOptions = turn("Hi", FREE_MODEL);
        badOptions.put("options", Map.of("temperature", 5, "maxTokens", 0));
        HttpApi.Reply options = chat(account, badOptions);

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("details").has("message")).isTrue();
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(options.status()).isEqualTo(400);
        assertThat(options.body().path("details").has("options.temperature")).isTrue();
        assertThat(options.body().path("details").has("options.maxTokens")).isTrue();
        assertThat(balance(account)).isEqualTo(10_000);
    }

    @Test
    void editingAndRegeneratingMakeNewBranchesAndKeepTheOldOnes() {
        Account account = register();
        JsonNode first = chat(account, turn("Original question", FREE_MODEL)).data();
        String sessionId = first.path("session").path("id").asText();
        String firstAnswer = first.path("message").path("id").asText();
        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        String question = session.path("messages").get(0).path("id").asText();

        HttpApi.Reply regenerated = api.post("/api/chat/messages/" + firstAnswer + "/regenerate", Map.of(),
                account.token());
        HttpApi.Reply edited = api.post("/api/chat/messages/" + question + "/edit",
                Map.of("content", "Edited question"), account.token());

        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(edited.status()).isEqualTo(200);
        JsonNode now = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(now.path("messages")).extracting(message -> message.path("content").asText())
                .containsExactly("Edited question", ANSWER);
        assertThat(now.path("branches")).hasSize(3);
        String regeneratedId = regenerated.data().path("message").path("id").asText();
        JsonNode regeneratedBranch = api.get("/api/chat/sessions/" + sessionId + "?branch=" + regeneratedId,
                account.token()).data();
        assertThat(regeneratedBranch.path("messages")).extracting(message -> message.path("id").asText())
                .containsExactly(question, regeneratedId);
        assertThat(api.get("/api/chat/sessions/" + sessionId + "?branch=" + firstAnswer, account.token())
                .data().path("messages").get(1).path("id").asText()).isEqualTo(firstAnswer);
        assertThat(balance(account)).isEqualTo(10_000 - 3 * USED);
        assertThat(api.post("/api/chat/messages/" + question + "/regenerate", Map.of(), account.token()).status())
                .isEqualTo(400);
    }

    @Test
    void aDeletedMessageLeavesTheBranch() {
        Account account = register();
        JsonNode first = chat(account, turn("Keep me", FREE_MODEL)).data();
        String sessionId = first.path("session").path("id").asText();
        String answer = first.path("message").path("id").asText();

        assertThat(api.delete("/api/chat/messages/" + answer, account.token()).status()).isEqualTo(200);

        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(session.path("messages")).extracting(message -> message.path("role").asText())
                .containsExactly("user");
        assertThat(api.delete("/api/chat/messages/" + answer, account.token()).status()).isEqualTo(404);
    }

    /** A stream names the answer's session in its first event: the caller can read the session at once. */
    @Test
    void theSessionOfAnAnswerUnderWayCanBeReadAsSoonAsTheStreamNamesIt() {
        Account account = register();
        EventStreamClient.Stream started = events.postUntil("/api/chat", account.token(),
                turn("Tell me a long story [slow]", FREE_MODEL), event -> event.name().equals("meta"));
        String sessionId = started.first("meta").data().path("sessionId").asText();
        String messageId = started.first("meta").data().path("messageId").asText();

        HttpApi.Reply session = api.get("/api/chat/sessions/" + sessionId, account.token());

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.data().path("messages")).extracting(message -> message.path("id").asText() + " "
                + message.path("status").asText()).contains(messageId + " generating");
        assertThat(api.post("/api/chat/messages/" + messageId + "/stop", Map.of(), account.token()).status())
                .isEqualTo(200);
    }

    @Test
    void aClientThatDisconnectsCanReattachAndStopTheAnswer() {
        Account account = register();
        EventStreamClient.Stream firstLook = events.postUntil("/api/chat", account.token(),
                turn("Tell me a long story [slow]", FREE_MODEL), event -> event.name().equals("delta"));
        String messageId = firstLook.first("meta").data().path("messageId").asText();

        List<EventStreamClient.Event> again = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> again.addAll(events.get("/api/chat/messages/" + messageId + "/stream",
                account.token()).events()));
        follower.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeProviders.completionRequests().size() > 0
                && api.get("/api/chat/messages/" + messageId + "/stream", account.token()).status() == 200);
        HttpApi.Reply stopped = api.post("/api/chat/messages/" + messageId + "/stop", Map.of(), account.token());
        await().atMost(Duration.ofSeconds(10)).until(() -> !follower.isAlive());

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.data().path("message").path("status").asText()).isEqualTo("partial");
        assertThat(stopped.data().path("message").path("errorCode").asText()).isEqualTo("STOPPED");
        String partial = stopped.data().path("message").path("content").asText();
        assertThat(partial).startsWith("word0 ");
        assertThat(again.get(0).name()).isEqualTo("meta");
        String replayed = again.stream().filter(event -> event.name().equals("delta"))
                .map(event -> event.data().path("text").asText()).reduce("", String::concat);
        assertThat(replayed).isEqualTo(partial);
        assertThat(again.get(again.size() - 1).name()).isEqualTo("error");
        JsonNode tokens = api.get("/api/user/wallet", account.token()).data();
        assertThat(tokens.path("reserved").asLong()).isZero();
        assertThat(tokens.path("balance").asLong()).isLessThan(10_000);
    }
}
