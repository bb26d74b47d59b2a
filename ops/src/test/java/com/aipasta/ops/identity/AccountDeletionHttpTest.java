package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleting one's own account: what the events said of the person is shredded with their key, their read models are
 * purged, and a replay of every projection brings none of it back, while the figures analytics count stay the same.
 */
class AccountDeletionHttpTest extends PlatformTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Autowired
    MongoTemplate mongo;

    /** Everything personal the test gives the platform, each unique to this run. */
    private record Person(Account account, String registeredName, String name, String phrase, String sessionId,
                          String apiKey) {

        List<String> traces() {
            return List.of(account.email(), registeredName, name, phrase);
        }
    }

    @Test
    void aDeletedAccountLeavesNothingReadableOfThePersonEvenAfterEveryProjectionIsReplayed() {
        Person person = personWhoChattedAndChangedTheirProfile();
        String userId = person.account().id();
        assertThat(tracesIn(mongo, "domainevents", person)).as("events hold personal data encrypted only").isEmpty();
        assertThat(byField("snapshotevents", "aggregateIdentifier", person.sessionId())).as("a snapshot of the chat")
                .isNotEmpty();
        assertThat(tracesIn(mongo, "snapshotevents", person)).as("snapshots hold it encrypted only").isEmpty();
        assertThat(tracesInTheDatabase(person)).as("the read models show the person before the deletion")
                .anyMatch(found -> found.startsWith("chat_messages:"))
                .anyMatch(found -> found.startsWith("files:"))
                .anyMatch(found -> found.startsWith("templates:"))
                .anyMatch(found -> found.startsWith("shared_sessions:"))
                .anyMatch(found -> found.startsWith("file_bytes.chunks:"))
                .anyMatch(found -> found.startsWith("users:"));
        List<Document> answersCounted = byField("analytics_answers", "userId", userId);
        List<Document> answersRanked = byField("leaderboard_answers", "sessionId", person.sessionId());
        List<Document> wallet = byField("wallets", "_id", userId);
        assertThat(answersCounted).hasSize(2);
        assertThat(answersRanked).hasSize(2);

        HttpApi.Reply deleted = api.delete("/api/user/account", Map.of("password", PASSWORD),
                person.account().token());

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(api.get("/api/auth/me", person.account().token()).status()).isEqualTo(401);
        assertThat(withApiKey("/api/models", person.apiKey()).status()).isEqualTo(401);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tracesInTheDatabase(person))
                .as("once the deleted account's file bytes are gone").isEmpty());

        replayEveryProjection();

        assertThat(tracesInTheDatabase(person)).as("after every projection is replayed").isEmpty();
        assertThat(api.get("/health", null).data().path("status").asText())
                .as("every event, its personal fields erased, still handled: none parked").isEqualTo("ok");
        JsonNode shown = api.get("/api/admin/users/" + userId, admin().token()).data().path("user");
        assertThat(shown.path("deleted").asBoolean()).as(shown.toString()).isTrue();
        assertThat(shown.path("name").asText()).isEqualTo("Deleted user");
        assertThat(shown.path("email").isMissingNode() || shown.path("email").isNull()).as(shown.toString()).isTrue();
        assertThat(byField("analytics_answers", "userId", userId)).isEqualTo(answersCounted);
        assertThat(byField("leaderboard_answers", "sessionId", person.sessionId())).isEqualTo(answersRanked);
        assertThat(byField("wallets", "_id", userId)).isEqualTo(wallet);

        Account again = register(person.account().email());
        assertThat(again.id()).isNotEqualTo(userId);
        assertThat(api.get("/api/auth/me", again.token()).data().path("user").path("email").asText())
                .isEqualTo(person.account().email());
    }

    @Test
    void aWrongPasswordDeletesNothing() {
        Account account = register();

        HttpApi.Reply refused = api.delete("/api/user/account", Map.of("password", "not the password"),
                account.token());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(api.get("/api/auth/me", account.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/login", Map.of("email", account.email(), "password", PASSWORD), null).status())
                .isEqualTo(200);
    }

    @Test
    void refusesARequestThatProvesNothingAnApiKeyAndAGuest() {
        Account account = register();
        String key = api.post("/api/user/api-keys", Map.of("name", "deleter"), account.token()).data().path("key")
                .asText();

        HttpApi.Reply neither = api.delete("/api/user/account", Map.of(), account.token());
        HttpApi.Reply both = api.delete("/api/user/account", Map.of("password", PASSWORD, "idToken", "x"),
                account.token());
        HttpApi.Reply byKey = api.send(api.request("/api/user/account", null).header("X-API-Key", key)
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}")));
        HttpApi.Reply anonymous = api.delete("/api/user/account", Map.of("password", PASSWORD), null);
        String guest = api.post("/api/auth/guest", Map.of(), null).data().path("token").asText();
        HttpApi.Reply byGuest = api.delete("/api/user/account", Map.of("password", PASSWORD), guest);

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().path("details").has("password")).as(neither.body().toString()).isTrue();
        assertThat(both.status()).isEqualTo(400);
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(byGuest.status()).isEqualTo(403);
        assertThat(api.get("/api/auth/me", account.token()).status()).isEqualTo(200);
    }

    @Test
    void aGoogleAccountIsDeletedWithAFreshGoogleSignIn() {
        String email = "google-" + UUID.randomUUID() + "@example.com";
        String subject = "google-" + UUID.randomUUID();
        HttpApi.Reply signedIn = api.post("/api/auth/google",
                Map.of("idToken", FakeGoogle.idToken(subject, email, "Grace Google")), null);
        assertThat(signedIn.status()).as(signedIn.body().toString()).isEqualTo(200);
        String token = signedIn.data().path("token").asText();
        String other = FakeGoogle.idToken("google-" + UUID.randomUUID(), "someone-" + UUID.randomUUID()
                + "@example.com", "Someone");
        api.post("/api/auth/google", Map.of("idToken", other), null);

        HttpApi.Reply ofAnotherAccount = api.delete("/api/user/account", Map.of("idToken", other), token);
        HttpApi.Reply forged = api.delete("/api/user/account", Map.of("idToken",
                FakeGoogle.idTokenSignedElsewhere(FakeGoogle.claims(subject, email, "Grace").build())), token);
        assertThat(ofAnotherAccount.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(200);

        HttpApi.Reply deleted = api.delete("/api/user/account",
                Map.of("idToken", FakeGoogle.idToken(subject, email, "Grace Google")), token);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(401);
        HttpApi.Reply anew = api.post("/api/auth/google",
                Map.of("idToken", FakeGoogle.idToken(subject, email, "Grace Google")), null);
        assertThat(anew.status()).isEqualTo(200);
        assertThat(anew.data().path("user").path("id").asText()).isNotEqualTo(deleted.data().path("userId").asText());
    }

    private Person personWhoChattedAndChangedTheirProfile() {
        String marker = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String email = "forget-me-" + marker + "@example.com";
        String registeredName = "Ottoline Registered" + marker;
        String name = "Zebulon Quaxley" + marker;
        String phrase = "marmalade" + marker;
        HttpApi.Reply registered = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", registeredName), null);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        Account account = new Account(registered.data().path("user").path("id").asText(), email, PASSWORD,
                registered.data().path("token").asText());
        assertThat(api.patch("/api/user/profile", Map.of("name", name, "bio", "Keeper of the " + phrase),
                account.token()).status()).isEqualTo(200);

        HttpApi.Reply first = api.post("/api/chat", turn("Tell me about " + phrase + " [echo:" + phrase + "]", null),
                account.token());
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("message").path("content").asText()).contains(phrase);
        String sessionId = first.data().path("session").path("id").asText();
        HttpApi.Reply uploaded = api.upload("/api/files", List.of(new HttpApi.FilePart("letter to " + name + ".txt",
                "text/plain", ("Dear " + name + ", about the " + phrase).getBytes(StandardCharsets.UTF_8))),
                Map.of(), account.token());
        assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(201);
        Map<String, Object> secondTurn = turn("And more on " + phrase + " please [echo:" + phrase + "]", sessionId);
        secondTurn.put("files", List.of(uploaded.data().path("files").get(0).path("fileId").asText()));
        HttpApi.Reply second = api.post("/api/chat", secondTurn, account.token());
        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
        assertThat(api.patch("/api/chat/sessions/" + sessionId, Map.of("title", "Notes on " + phrase),
                account.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/chat/sessions/" + sessionId + "/share", Map.of("displayName", name),
                account.token()).status()).isEqualTo(200);
        HttpApi.Reply template = api.post("/api/templates", Map.of("name", "Letters on " + phrase,
                "instruction", "Write like " + name, "tags", List.of(phrase), "isPublic", true), account.token());
        assertThat(template.status()).as(template.body().toString()).isEqualTo(201);
        HttpApi.Reply generated = api.post("/api/prompt-generator", Map.of("input", "an essay on " + phrase
                + " [prompt-json]", "modelId", FREE_MODEL), account.token());
        assertThat(generated.status()).as(generated.body().toString()).isEqualTo(200);
        HttpApi.Reply key = api.post("/api/user/api-keys", Map.of("name", "Laptop of " + name), account.token());
        assertThat(key.status()).isEqualTo(201);
        String apiKey = key.data().path("key").asText();
        assertThat(withApiKey("/api/models", apiKey).status()).isEqualTo(200);
        return new Person(account, registeredName, name, phrase, sessionId, apiKey);
    }

    private static Map<String, Object> turn(String message, String sessionId) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        body.put("modelId", FREE_MODEL);
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        return body;
    }

    private HttpApi.Reply withApiKey(String path, String key) {
        return api.send(api.request(path, null).header("X-API-Key", key).GET());
    }

    private void replayEveryProjection() {
        HttpApi.Reply started = api.post("/api/admin/projections/all/replay", Map.of(), admin().token());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode projections = api.get("/api/admin/projections", admin().token()).data().path("projections");
            boolean live = true;
            for (JsonNode projection : projections) {
                live &= projection.path("status").asText().equals("live");
            }
            return live;
        });
    }

    private List<Document> byField(String collection, String field, String value) {
        return mongo.find(Query.query(Criteria.where(field).is(value)).with(Sort.by("_id")), Document.class,
                collection);
    }

    /** Where any trace of the person is found, as {@code collection: document id}, over every collection. */
    private List<String> tracesInTheDatabase(Person person) {
        List<String> found = new ArrayList<>();
        for (String collection : mongo.getDb().listCollectionNames()) {
            found.addAll(tracesIn(mongo, collection, person));
        }
        return found;
    }

    private static List<String> tracesIn(MongoTemplate mongo, String collection, Person person) {
        List<String> found = new ArrayList<>();
        for (Document document : mongo.getDb().getCollection(collection).find()) {
            String text = rawText(document).toLowerCase(Locale.ROOT);
            for (String trace : person.traces()) {
                if (text.contains(trace.toLowerCase(Locale.ROOT))) {
                    found.add(collection + ": " + document.get("_id") + " holds " + trace);
                }
            }
        }
        return found;
    }

    /** The document as JSON, with every binary value also read as text, since stores keep serialized data so. */
    private static String rawText(Object value) {
        StringBuilder text = new StringBuilder();
        if (value instanceof Document document) {
            text.append(document.toJson());
            document.values().forEach(inner -> text.append('\n').append(binariesOf(inner)));
        }
        return text.toString();
    }

    private static String binariesOf(Object value) {
        if (value instanceof Binary binary) {
            return new String(binary.getData(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> text.append(binariesOf(inner)).append('\n'));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> text.append(binariesOf(inner)).append('\n'));
        }
        return text.toString();
    }
}
