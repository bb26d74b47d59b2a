package com.aipasta.ops.chat;

import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A turn answers from the write side alone: with the account, wallet, chat and leaderboard read models stopped it
 * still streams, settles and ends with {@code done} carrying the caller's account and settled wallet, as the read
 * models show them next; the caller's next request, once they run again, sees the answer and its payment.
 */
class TurnWithoutReadModelsHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;
    private static final List<String> STOPPED = List.of("user-accounts", "wallet-balance", "chat-sessions",
            "leaderboard");

    private static final List<String> SUMMARY_FIELDS = List.of("id", "email", "name", "role", "plan", "createdAt",
            "tokens");

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void doneCarriesTheSettledWalletWhileTheReadModelsAreStopped() {
        Account account = register();
        Account otherSession = register();
        EventStreamClient events = new EventStreamClient(port);
        EventStreamClient.Stream stream;
        EventStreamClient.Stream second;
        STOPPED.forEach(name -> processor(name).shutDown());
        try {
            stream = events.post("/api/chat", account.token(), Map.of("message", "Without read models",
                    "modelId", FREE_MODEL));
            second = events.post("/api/chat", otherSession.token(), Map.of("message", "Me too",
                    "modelId", FREE_MODEL));
        } finally {
            STOPPED.forEach(name -> processor(name).start());
        }

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.text()).isEqualTo(ANSWER);
        JsonNode done = stream.last().data();
        assertThat(stream.last().name()).isEqualTo("done");
        assertThat(done.path("message").path("status").asText()).isEqualTo("complete");
        assertThat(done.path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(done.path("user").path("tokens").path("balance").asLong()).isEqualTo(10_000 - USED);
        assertThat(done.path("user").path("tokens").path("usedTokens").asLong()).isEqualTo(USED);
        assertThat(done.path("user").path("tokens").path("reserved").asLong()).isZero();
        assertThat(second.last().name()).isEqualTo("done");
        ObjectNode shownNext = api.get("/api/auth/me", account.token()).data().path("user").deepCopy();
        assertThat(done.path("user")).as("the account an answer shows is the one the read models show")
                .isEqualTo(shownNext.retain(SUMMARY_FIELDS));

        String messageId = done.path("message").path("id").asText();
        String sessionId = stream.events().get(0).data().path("sessionId").asText();
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong())
                .isEqualTo(10_000 - USED);
        JsonNode session = api.get("/api/chat/sessions/" + sessionId, account.token()).data();
        assertThat(session.path("messages").get(1).path("id").asText()).isEqualTo(messageId);
        assertThat(session.path("messages").get(1).path("status").asText()).isEqualTo("complete");
        assertThat(session.path("messages").get(1).path("content").asText()).isEqualTo(ANSWER);
    }

    private EventProcessor processor(String name) {
        return processing.eventProcessor(name).orElseThrow();
    }
}
