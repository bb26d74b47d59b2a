package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileHttpTest extends PlatformTest {

    private static final long USED = PROMPT_TOKENS + COMPLETION_TOKENS;

    private JsonNode profile(Account account) {
        HttpApi.Reply reply = api.get("/api/user/profile", account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data().path("profile");
    }

    private JsonNode chat(Account account, String message, String model) {
        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", message, "modelId", model), account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data();
    }

    @Test
    void aNewProfileHasTheRegisteredNameAndDefaultPreferences() {
        Account account = register();

        JsonNode profile = profile(account);

        assertThat(profile.path("id").asText()).isEqualTo(account.id());
        assertThat(profile.path("email").asText()).isEqualTo(account.email());
        assertThat(profile.path("name").asText()).isEqualTo("Test User");
        assertThat(profile.path("role").asText()).isEqualTo("user");
        assertThat(profile.path("plan").asText()).isEqualTo("free");
        assertThat(profile.path("preferences").path("theme").asText()).isEqualTo("auto");
        assertThat(profile.path("preferences").path("language").asText()).isEqualTo("en");
        assertThat(profile.path("preferences").path("notifications").path("email").asBoolean()).isTrue();
        assertThat(profile.path("favoriteModels")).isEmpty();
    }

    @Test
    void anUnchangedProfileAnswersAtOnceAfterAnEventTheReadModelsDoNotShow() {
        Account account = register();
        HttpApi.Reply changed = api.patch("/api/auth/password", Map.of("currentPassword", account.password(),
                "newPassword", "another profile passphrase"), account.token());
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        String token = changed.data().path("token").asText();

        HttpApi.Reply unchanged = api.patch("/api/user/profile", Map.of("name", "Test User"), token);
        assertThat(unchanged.status()).as(unchanged.body().toString()).isEqualTo(200);

        assertThat(api.post("/api/auth/logout", Map.of(), token).status()).isEqualTo(200);
        HttpApi.Reply sameRole = api.patch("/api/admin/users/" + account.id(), Map.of("role", "user"),
                admin().token());
        assertThat(sameRole.status()).as(sameRole.body().toString()).isEqualTo(200);
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNames() {
        Account account = register();

        HttpApi.Reply reply = api.patch("/api/user/profile", Map.of("name", " Ada Lovelace ", "bio", "Counts things",
                "avatarUrl", "https://example.com/ada.png", "preferences", Map.of("theme", "dark",
                        "defaultModels", List.of(FREE_MODEL), "notifications", Map.of("productUpdates", true))),
                account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode changed = reply.data().path("profile");
        assertThat(changed.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(changed.path("bio").asText()).isEqualTo("Counts things");
        assertThat(changed.path("avatarUrl").asText()).isEqualTo("https://example.com/ada.png");
        assertThat(changed.path("preferences").path("theme").asText()).isEqualTo("dark");
        assertThat(changed.path("preferences").path("language").asText()).isEqualTo("en");
        assertThat(changed.path("preferences").path("defaultModels")).extracting(JsonNode::asText)
                .containsExactly(FREE_MODEL);
        assertThat(changed.path("preferences").path("notifications").path("productUpdates").asBoolean()).isTrue();
        assertThat(changed.path("preferences").path("notifications").path("email").asBoolean()).isTrue();
        assertThat(profile(account)).isEqualTo(changed);
        assertThat(api.get("/api/auth/me", account.token()).data().path("user").path("name").asText())
                .isEqualTo("Ada Lovelace");

        JsonNode cleared = api.patch("/api/user/profile", Map.of("bio", "", "avatarUrl", ""), account.token())
                .data().path("profile");
        assertThat(cleared.path("bio").isMissingNode() || cleared.path("bio").isNull()).isTrue();
        assertThat(cleared.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(cleared.path("preferences").path("theme").asText()).isEqualTo("dark");
    }

    @Test
    void massAssignmentOfRolePlanTokensOrEmailIsRefusedByNameAndChangesNothing() {
        Account account = register();
        JsonNode before = profile(account);

        for (Map<String, Object> attempt : List.<Map<String, Object>>of(
                Map.of("role", "admin"), Map.of("plan", "premium"), Map.of("tokens", 1_000_000),
                Map.of("email", "other@example.com"), Map.of("name", "Mallory", "role", "admin"),
                Map.of("preferences", Map.of("theme", "dark", "plan", "premium")),
                Map.of("preferences", Map.of("notifications", Map.of("role", true))),
                Map.of("id", "someone-else"), Map.of("favoriteModels", List.of(FREE_MODEL)))) {
            HttpApi.Reply reply = api.patch("/api/user/profile", attempt, account.token());
            assertThat(reply.status()).as(attempt.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        }
        HttpApi.Reply named = api.patch("/api/user/profile", Map.of("name", "Mallory", "role", "admin"),
                account.token());
        assertThat(named.body().path("details").path("role").asText()).isEqualTo("cannot be changed here");

        assertThat(profile(account)).isEqualTo(before);
        JsonNode user = api.get("/api/auth/me", account.token()).data().path("user");
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("plan").asText()).isEqualTo("free");
        assertThat(user.path("tokens").path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/admin/users", account.token()).status()).isEqualTo(403);
    }

    @Test
    void badProfileValuesAreRefused() {
        Account account = register();

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("name", " "), Map.of("name", "x".repeat(101)), Map.of("bio", "x".repeat(501)),
                Map.of("avatarUrl", "javascript:alert(1)"), Map.of("preferences", Map.of("theme", "neon")),
                Map.of("preferences", Map.of("language", "english please")),
                Map.of("preferences", Map.of("defaultModels", List.of(" "))),
                Map.of("preferences", Map.of("notifications", Map.of("email", "yes"))),
                Map.of("name", 42))) {
            HttpApi.Reply reply = api.patch("/api/user/profile", bad, account.token());
            assertThat(reply.status()).as(bad.toString()).isEqualTo(400);
        }
        assertThat(profile(account).path("name").asText()).isEqualTo("Test User");
        assertThat(api.patch("/api/user/profile", Map.of("name", "x"), null).status()).isEqualTo(401);
    }

    @Test
    void favoritesToggleAndList() {
        Account account = register();

        HttpApi.Reply added = api.post("/api/user/favorites/" + FREE_MODEL, Map.of(), account.token());
        assertThat(added.status()).as(added.body().toString()).isEqualTo(200);
        assertThat(added.data().path("favorite").asBoolean()).isTrue();
        assertThat(api.post("/api/user/favorites/" + FREE_ROUTER_MODEL, Map.of(), account.token()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/user/favorites", account.token()).data().path("favoriteModels"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder(FREE_MODEL, FREE_ROUTER_MODEL);

        HttpApi.Reply removed = api.post("/api/user/favorites/" + FREE_MODEL, Map.of(), account.token());

        assertThat(removed.data().path("favorite").asBoolean()).isFalse();
        assertThat(api.get("/api/user/favorites", account.token()).data().path("favoriteModels"))
                .extracting(JsonNode::asText).containsExactly(FREE_ROUTER_MODEL);
        assertThat(api.post("/api/user/favorites/local/no-such-model", Map.of(), account.token()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/user/favorites/", Map.of(), account.token()).status()).isEqualTo(404);
    }

    @Test
    void statsCountMessagesTokensAndCostPerModelAndDay() {
        Account account = register();
        chat(account, "First", FREE_MODEL);
        chat(account, "Second", FREE_MODEL);
        chat(account, "Third", FREE_ROUTER_MODEL);

        HttpApi.Reply reply = api.get("/api/user/stats", account.token());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode stats = reply.data();
        assertThat(stats.path("messages").asLong()).isEqualTo(3);
        assertThat(stats.path("answers").asLong()).isEqualTo(3);
        assertThat(stats.path("tokens").asLong()).isEqualTo(3 * USED);
        assertThat(stats.path("cost").has("usd")).isTrue();
        assertThat(stats.path("cost").has("inr")).isTrue();
        assertThat(stats.path("perModel")).hasSize(2);
        JsonNode local = stats.path("perModel").get(0).path("modelId").asText().equals(FREE_MODEL)
                ? stats.path("perModel").get(0) : stats.path("perModel").get(1);
        assertThat(local.path("answers").asLong()).isEqualTo(2);
        assertThat(local.path("tokens").asLong()).isEqualTo(2 * USED);
        assertThat(stats.path("perDay")).hasSize(1);
        assertThat(stats.path("perDay").get(0).path("day").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(stats.path("perDay").get(0).path("messages").asLong()).isEqualTo(3);
        assertThat(stats.path("perDay").get(0).path("tokens").asLong()).isEqualTo(3 * USED);
    }

    @Test
    void historyListsEveryAnswerAcrossSessionsFilteredAndPaged() {
        Account account = register();
        Instant start = Instant.now().minusSeconds(1);
        String first = chat(account, "Alpha", FREE_MODEL).path("message").path("id").asText();
        String second = chat(account, "Beta", FREE_ROUTER_MODEL).path("message").path("id").asText();
        String third = chat(account, "Gamma", FREE_MODEL).path("message").path("id").asText();
        Account other = register();
        chat(other, "Not yours", FREE_MODEL);

        JsonNode all = api.get("/api/user/history", account.token()).data();
        assertThat(all.path("answers")).extracting(answer -> answer.path("id").asText())
                .containsExactly(third, second, first);
        assertThat(all.path("pagination").path("total").asLong()).isEqualTo(3);

        assertThat(api.get("/api/user/history?modelId=" + FREE_MODEL, account.token()).data().path("answers"))
                .extracting(answer -> answer.path("id").asText()).containsExactly(third, first);
        assertThat(api.get("/api/user/history?status=failed", account.token()).data().path("answers")).isEmpty();
        assertThat(api.get("/api/user/history?status=complete&from=" + start + "&to="
                + Instant.now().plusSeconds(60), account.token()).data().path("answers")).hasSize(3);
        assertThat(api.get("/api/user/history?to=" + start, account.token()).data().path("answers")).isEmpty();
        JsonNode page = api.get("/api/user/history?page=2&limit=2", account.token()).data();
        assertThat(page.path("answers")).extracting(answer -> answer.path("id").asText()).containsExactly(first);
        assertThat(page.path("pagination").path("totalPages").asInt()).isEqualTo(2);

        assertThat(api.get("/api/user/history?status=bogus", account.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/user/history?from=yesterday", account.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/user/history?limit=0", account.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/user/history?from=" + Instant.now() + "&to=" + start, account.token()).status())
                .isEqualTo(400);
    }
}
