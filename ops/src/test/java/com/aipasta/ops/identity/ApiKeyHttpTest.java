package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyHttpTest extends PlatformTest {

    @Autowired
    MongoTemplate mongo;

    private record CreatedKey(String id, String key, JsonNode view) {
    }

    private CreatedKey createKey(Account account, Map<String, Object> body) {
        HttpApi.Reply reply = api.post("/api/user/api-keys", body, account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        JsonNode view = reply.data().path("apiKey");
        return new CreatedKey(view.path("id").asText(), reply.data().path("key").asText(), view);
    }

    private HttpApi.Reply withKeyHeader(String method, String path, String key, String body) {
        HttpRequest.Builder request = api.request(path, null).header("X-API-Key", key);
        return api.send(body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theKeyIsShownOnceAndOnlyItsPrefixAndHashAreStored() {
        Account account = register();

        CreatedKey created = createKey(account, Map.of("name", "CI runner"));

        assertThat(created.key()).startsWith("ap_");
        assertThat(created.view().path("name").asText()).isEqualTo("CI runner");
        assertThat(created.view().path("prefix").asText()).isEqualTo(created.key().substring(0, 11));
        assertThat(created.view().path("scopes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("chat", "models",
                "tools");
        HttpApi.Reply listed = api.get("/api/user/api-keys", account.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().path("apiKeys")).hasSize(1);
        JsonNode item = listed.data().path("apiKeys").get(0);
        assertThat(item.path("id").asText()).isEqualTo(created.id());
        assertThat(item.path("createdAt").asText()).isNotBlank();
        assertThat(item.has("key")).isFalse();
        String secret = created.key().substring(12);
        assertThat(listed.raw().body()).doesNotContain(secret);
        for (String collection : List.of("domainevents", "api_keys")) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson()).as(collection).doesNotContain(secret);
            }
        }
    }

    @Test
    void aKeyAuthenticatesAsItsOwnerForChatAndModels() {
        Account account = register();
        CreatedKey created = createKey(account, Map.of("name", "bot"));

        assertThat(api.get("/api/models", created.key()).status()).isEqualTo(200);
        HttpApi.Reply turn = withKeyHeader("POST", "/api/chat", created.key(),
                "{\"message\":\"Hello by key\",\"modelId\":\"" + FREE_MODEL + "\"}");
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);
        assertThat(turn.data().path("message").path("content").asText()).isEqualTo(ANSWER);
        String sessionId = turn.data().path("session").path("id").asText();

        JsonNode sessions = api.get("/api/chat/sessions", account.token()).data().path("sessions");
        assertThat(sessions).extracting(session -> session.path("id").asText()).contains(sessionId);
        assertThat(api.get("/api/chat/sessions/" + sessionId, created.key()).status()).isEqualTo(200);
    }

    @Test
    void aKeyNeverOpensKeyManagementPasswordsTheAccountOrAdministration() {
        Account admin = admin();
        CreatedKey created = createKey(admin, Map.of("name", "everything"));
        String key = created.key();

        assertThat(api.get("/api/user/api-keys", key).status()).isEqualTo(403);
        assertThat(api.post("/api/user/api-keys", Map.of("name", "more"), key).status()).isEqualTo(403);
        assertThat(api.delete("/api/user/api-keys/" + created.id(), key).status()).isEqualTo(403);
        assertThat(api.patch("/api/auth/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "a different long password"), key).status()).isEqualTo(403);
        assertThat(api.get("/api/auth/me", key).status()).isEqualTo(403);
        assertThat(api.post("/api/auth/logout", Map.of(), key).status()).isEqualTo(403);
        assertThat(api.post("/api/auth/refresh", Map.of(), key).status()).isEqualTo(403);
        assertThat(api.get("/api/user/wallet", key).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/users", key).status()).isEqualTo(403);
        assertThat(withKeyHeader("GET", "/api/user/api-keys", key, null).status()).isEqualTo(403);
        HttpApi.Reply refused = api.get("/api/user/api-keys", key);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/user/api-keys", admin.token()).data().path("apiKeys"))
                .extracting(item -> item.path("id").asText()).contains(created.id());
    }

    @Test
    void aKeyWorksOnlyWithinItsScopes() {
        Account account = register();
        String modelsOnly = createKey(account, Map.of("name", "catalogue", "scopes", List.of("models"))).key();

        assertThat(api.get("/api/models", modelsOnly).status()).isEqualTo(200);
        assertThat(api.get("/api/chat/sessions", modelsOnly).status()).isEqualTo(403);
        assertThat(api.post("/api/chat", Map.of("message", "Hi", "modelId", FREE_MODEL), modelsOnly).status())
                .isEqualTo(403);
    }

    @Test
    void toolsAndPluginsNeedTheToolsScopeAndSendingAPluginIntoASessionChatToo() {
        Account account = register();
        String chatOnly = createKey(account, Map.of("name", "chat", "scopes", List.of("chat", "models"))).key();
        String toolsOnly = createKey(account, Map.of("name", "tools", "scopes", List.of("tools"))).key();
        String toolsAndChat = createKey(account, Map.of("name", "both", "scopes", List.of("tools", "chat"))).key();
        Map<String, Object> hash = Map.of("text", "abc", "algorithm", "sha256");
        String sessionId = api.post("/api/chat/sessions", Map.of("title", "Plugins"), account.token()).data()
                .path("session").path("id").asText();
        Map<String, Object> send = Map.of("sessionId", sessionId, "parameters", Map.of("message", "hi"));

        for (String path : List.of("/api/tools", "/api/tools/usage-stats", "/api/plugins", "/api/plugins/builtin")) {
            HttpApi.Reply refused = api.get(path, chatOnly);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
            assertThat(api.get(path, toolsOnly).status()).as(path).isEqualTo(200);
        }
        assertThat(api.post("/api/tools/hash", hash, chatOnly).status()).isEqualTo(403);
        assertThat(api.post("/api/tools/hash", hash, toolsOnly).status()).isEqualTo(200);
        assertThat(api.post("/api/plugins/builtin/echo/send", send, chatOnly).status()).isEqualTo(403);
        assertThat(api.post("/api/plugins/builtin/echo/send", send, toolsOnly).status()).isEqualTo(403);
        HttpApi.Reply sent = api.post("/api/plugins/builtin/echo/send", send, toolsAndChat);
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(200);
        assertThat(api.get("/api/chat/sessions", toolsOnly).status()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyStopsAtOnceAndLeavesTheList() {
        Account account = register();
        CreatedKey created = createKey(account, Map.of("name", "short-lived"));
        assertThat(api.get("/api/models", created.key()).status()).isEqualTo(200);

        HttpApi.Reply revoked = api.delete("/api/user/api-keys/" + created.id(), account.token());

        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        HttpApi.Reply refused = api.get("/api/models", created.key());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("/api/user/api-keys", account.token()).data().path("apiKeys")).isEmpty();
        assertThat(api.delete("/api/user/api-keys/" + created.id(), account.token()).status()).isEqualTo(200);
    }

    @Test
    void anotherUsersKeyCannotBeRevokedAndAnUnknownOneIsNotFound() {
        Account owner = register();
        Account other = register();
        CreatedKey created = createKey(owner, Map.of("name", "mine"));

        assertThat(api.delete("/api/user/api-keys/" + created.id(), other.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/user/api-keys/apikey-0123456789abcdef0123456789abcdef", other.token()).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/user/api-keys/nonsense", other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/user/api-keys", other.token()).data().path("apiKeys")).isEmpty();
        assertThat(api.get("/api/models", created.key()).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedOwnersKeysStopAtOnce() {
        Account account = register();
        String key = createKey(account, Map.of("name", "owner goes")).key();

        HttpApi.Reply deactivated = api.patch("/api/admin/users/" + account.id(), Map.of("active", false),
                admin().token());

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(api.get("/api/models", key).status()).isEqualTo(401);
    }

    @Test
    void forgedMalformedAndTamperedKeysAreRefusedAlike() {
        Account account = register();
        String key = createKey(account, Map.of("name", "real")).key();
        String tampered = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");

        for (String bad : List.of(tampered, "ap_", "ap_nothing", "ap_0123456789abcdef0123456789abcdef_00")) {
            HttpApi.Reply reply = api.get("/api/models", bad);
            assertThat(reply.status()).as(bad).isEqualTo(401);
            assertThat(reply.body().path("message").asText()).isEqualTo("Invalid or expired token");
        }
        assertThat(api.send(api.request("/api/models", account.token()).header("X-API-Key", key).GET()).status())
                .isEqualTo(401);
    }

    @Test
    void badRequestsCreateNothing() {
        Account account = register();

        assertThat(api.post("/api/user/api-keys", Map.of("name", " "), account.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/user/api-keys", Map.of(), account.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/user/api-keys", Map.of("name", "x", "scopes", List.of("admin")), account.token())
                .status()).isEqualTo(400);
        assertThat(api.post("/api/user/api-keys", Map.of("name", "x", "scopes", List.of()), account.token())
                .status()).isEqualTo(400);
        assertThat(api.post("/api/user/api-keys", Map.of("name", "x", "expiresAt", "2001-01-01T00:00:00Z"),
                account.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/user/api-keys", Map.of("name", "x", "expiresAt", "soon"), account.token())
                .status()).isEqualTo(400);
        assertThat(api.get("/api/user/api-keys", account.token()).data().path("apiKeys")).isEmpty();
        String guestToken = api.post("/api/auth/guest", Map.of(), null).data().path("token").asText();
        assertThat(api.post("/api/user/api-keys", Map.of("name", "guest key"), guestToken).status()).isEqualTo(403);
    }

    @Test
    void aKeyWithAnExpiryShowsIt() {
        Account account = register();
        Instant expiresAt = Instant.parse("2100-01-01T00:00:00Z");

        CreatedKey created = createKey(account, Map.of("name", "until 2100", "expiresAt", expiresAt.toString()));

        assertThat(Instant.parse(created.view().path("expiresAt").asText())).isEqualTo(expiresAt);
        assertThat(api.get("/api/models", created.key()).status()).isEqualTo(200);
    }
}
