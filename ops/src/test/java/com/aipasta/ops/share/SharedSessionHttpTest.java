package com.aipasta.ops.share;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/** Sharing a conversation by link: the snapshot anyone can read, and its revocation. */
class SharedSessionHttpTest extends PlatformTest {

    private String sessionWithATurn(Account owner, String message) {
        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", message, "modelId", FREE_MODEL), owner.token());
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        return turn.data().path("session").path("id").asText();
    }

    private JsonNode share(Account owner, String sessionId, Object body) {
        HttpApi.Reply shared = api.post("/api/chat/sessions/" + sessionId + "/share", body, owner.token());
        assertThat(shared.status()).as(shared.body().toString()).isEqualTo(200);
        return shared.data();
    }

    @Test
    void anyoneWithTheLinkReadsTheSessionAsItWasWhenShared() {
        Account owner = register();
        String sessionId = sessionWithATurn(owner, "What is a monad?");

        JsonNode share = share(owner, sessionId, Map.of("displayName", " Ada L. "));

        String shareId = share.path("shareId").asText();
        assertThat(shareId).matches("[A-Za-z0-9_-]{32}");
        assertThat(share.path("url").asText()).isEqualTo("/api/share/" + shareId);
        HttpApi.Reply read = api.get("/api/share/" + shareId, null);
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        JsonNode snapshot = read.data().path("share");
        assertThat(snapshot.path("title").asText()).isEqualTo("What is a monad?");
        assertThat(snapshot.path("displayName").asText()).isEqualTo("Ada L.");
        assertThat(snapshot.path("messages")).extracting(message -> message.path("role").asText())
                .containsExactly("user", "assistant");
        assertThat(snapshot.path("messages").get(0).path("content").asText()).isEqualTo("What is a monad?");
        assertThat(snapshot.path("messages").get(1).path("content").asText()).isEqualTo(ANSWER);
        assertThat(snapshot.path("messages").get(1).path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(read.raw().body()).doesNotContain(owner.id()).doesNotContain(owner.email())
                .doesNotContain(sessionId).doesNotContain("Test User");

        HttpApi.Reply later = api.post("/api/chat", Map.of("message", "And a functor?", "sessionId", sessionId),
                owner.token());
        assertThat(later.status()).isEqualTo(200);
        assertThat(api.patch("/api/chat/sessions/" + sessionId, Map.of("title", "Renamed"), owner.token()).status())
                .isEqualTo(200);
        JsonNode unchanged = api.get("/api/share/" + shareId, null).data().path("share");
        assertThat(unchanged).isEqualTo(snapshot);

        assertThat(share(owner, sessionId, null).path("shareId").asText()).isEqualTo(shareId);
    }

    @Test
    void revokingStopsTheLinkAtOnceAndSharingAgainMakesANewOne() {
        Account owner = register();
        String sessionId = sessionWithATurn(owner, "Share me");
        String shareId = share(owner, sessionId, Map.of()).path("shareId").asText();

        HttpApi.Reply revoked = api.delete("/api/chat/sessions/" + sessionId + "/share", owner.token());

        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.data().path("revoked").asBoolean()).isTrue();
        assertThat(api.get("/api/share/" + shareId, null).status()).isEqualTo(404);
        assertThat(api.delete("/api/chat/sessions/" + sessionId + "/share", owner.token()).status()).isEqualTo(404);
        JsonNode again = share(owner, sessionId, Map.of());
        assertThat(again.path("shareId").asText()).isNotEqualTo(shareId);
        JsonNode messages = api.get("/api/share/" + again.path("shareId").asText(), null).data().path("share")
                .path("messages");
        assertThat(messages).hasSize(2);
        assertThat(api.get("/api/share/" + again.path("shareId").asText(), null).data().path("share")
                .path("displayName").isTextual()).isFalse();
    }

    @Test
    void onlyTheOwnerSharesOrRevokes() {
        Account owner = register();
        Account stranger = register();
        String sessionId = sessionWithATurn(owner, "Mine");

        assertThat(api.post("/api/chat/sessions/" + sessionId + "/share", Map.of(), stranger.token()).status())
                .isEqualTo(404);
        String shareId = share(owner, sessionId, Map.of()).path("shareId").asText();
        assertThat(api.delete("/api/chat/sessions/" + sessionId + "/share", stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/share/" + shareId, stranger.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/chat/sessions/session-nope/share", Map.of(), owner.token()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/chat/sessions/" + sessionId + "/share", Map.of("displayName", "n".repeat(101)),
                owner.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/chat/sessions/" + sessionId + "/share", Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    void anUnknownOrMalformedShareIsNotFound() {
        assertThat(api.get("/api/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null).status()).isEqualTo(404);
        HttpApi.Reply malformed = api.get("/api/share/not-a-share", null);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void deletingTheSessionOrTheAccountTakesTheShareDown() {
        Account owner = register();
        String first = sessionWithATurn(owner, "First");
        String second = sessionWithATurn(owner, "Second");
        String firstShare = share(owner, first, Map.of()).path("shareId").asText();
        String secondShare = share(owner, second, Map.of()).path("shareId").asText();

        assertThat(api.delete("/api/chat/sessions/" + first, owner.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/share/" + firstShare, null).status()).isEqualTo(404);
        assertThat(api.get("/api/share/" + secondShare, null).status()).isEqualTo(200);

        assertThat(api.delete("/api/admin/users/" + owner.id(), admin().token()).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().until(() -> api.get("/api/share/" + secondShare, null).status() == 404);
    }
}
