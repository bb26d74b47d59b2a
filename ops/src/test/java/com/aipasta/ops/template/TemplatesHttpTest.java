package com.aipasta.ops.template;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Templates through the public API: their owner's CRUD, lists and search, public ones, uses, moderation, sessions. */
class TemplatesHttpTest extends PlatformTest {

    private static Map<String, Object> template(String name, boolean isPublic, String... tags) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "What " + name + " does");
        body.put("persona", "a senior engineer");
        body.put("context", "a code review");
        body.put("instruction", "Review the code I give you");
        body.put("format", "a list of findings");
        body.put("tone", "direct");
        body.put("inputData", "our style guide");
        body.put("thinkingPoints", List.of("correctness", "naming"));
        body.put("warnings", List.of("do not rewrite everything"));
        body.put("askMe", true);
        body.put("isPublic", isPublic);
        body.put("tags", List.of(tags));
        return body;
    }

    private JsonNode create(Account account, Map<String, Object> body) {
        HttpApi.Reply reply = api.post("/api/templates", body, account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return reply.data().path("template");
    }

    private JsonNode list(String path, Account account) {
        HttpApi.Reply reply = api.get(path, account.token());
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data();
    }

    private static List<String> names(JsonNode page) {
        return page.path("templates").findValuesAsText("name");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOwnerCreatesListsUpdatesAndDeletesTemplates() {
        Account owner = register();
        JsonNode created = create(owner, template("Code reviewer", false, "Java", "review"));

        assertThat(created.path("id").asText()).matches("template-[0-9a-f]{32}");
        assertThat(created.path("name").asText()).isEqualTo("Code reviewer");
        assertThat(created.path("persona").asText()).isEqualTo("a senior engineer");
        assertThat(created.path("thinkingPoints")).hasSize(2);
        assertThat(created.path("askMe").asBoolean()).isTrue();
        assertThat(created.path("isPublic").asBoolean()).isFalse();
        assertThat(created.path("tags").get(0).asText()).isEqualTo("java");
        assertThat(created.path("uses").asLong()).isZero();
        assertThat(created.path("createdAt").asText()).isNotBlank();

        create(owner, template("Poem writer", false, "writing"));
        create(owner, template("code EXPLAINER", false, "java"));
        JsonNode all = list("/api/templates", owner);
        assertThat(names(all)).containsExactly("code EXPLAINER", "Poem writer", "Code reviewer");
        assertThat(all.path("pagination").path("total").asLong()).isEqualTo(3);
        assertThat(names(list("/api/templates?search=CODE", owner))).containsExactly("code EXPLAINER",
                "Code reviewer");
        assertThat(names(list("/api/templates?tag=java", owner))).containsExactly("code EXPLAINER", "Code reviewer");
        assertThat(names(list("/api/templates?search=code&tag=review", owner))).containsExactly("Code reviewer");
        assertThat(names(list("/api/templates?search=" + URLEncoder.encode(".*(", StandardCharsets.UTF_8), owner)))
                .isEmpty();
        JsonNode second = list("/api/templates?page=2&limit=2", owner);
        assertThat(names(second)).containsExactly("Code reviewer");
        assertThat(second.path("pagination").path("totalPages").asInt()).isEqualTo(2);

        String id = created.path("id").asText();
        Map<String, Object> changed = template("Strict reviewer", true, "java");
        changed.remove("persona");
        HttpApi.Reply updated = api.put("/api/templates/" + id, changed, owner.token());
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
        assertThat(updated.data().path("template").path("name").asText()).isEqualTo("Strict reviewer");
        assertThat(updated.data().path("template").path("persona").textValue()).isNull();
        assertThat(updated.data().path("template").path("isPublic").asBoolean()).isTrue();
        assertThat(updated.data().path("template").path("version").asLong()).isEqualTo(1);
        assertThat(api.get("/api/templates/" + id, owner.token()).data().path("template").path("name").asText())
                .isEqualTo("Strict reviewer");

        HttpApi.Reply deleted = api.delete("/api/templates/" + id, owner.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(names(list("/api/templates", owner))).containsExactly("code EXPLAINER", "Poem writer");
        assertThat(api.get("/api/templates/" + id, owner.token()).status()).isEqualTo(404);
        assertThat(api.put("/api/templates/" + id, changed, owner.token()).status()).isEqualTo(404);
        assertThat(api.delete("/api/templates/" + id, owner.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/templates/" + id + "/use", Map.of(), owner.token()).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersTemplateIsNotFoundAndStaysAsItWas() {
        Account owner = register();
        Account stranger = register();
        String id = create(owner, template("Mine", true)).path("id").asText();
        String privateId = create(owner, template("Private", false)).path("id").asText();

        assertThat(api.put("/api/templates/" + id, template("Theirs", true), stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/templates/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/templates/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/templates/" + privateId + "/use", Map.of(), stranger.token()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/templates/template-nope/use", Map.of(), stranger.token()).status()).isEqualTo(404);
        assertThat(names(list("/api/templates", stranger))).isEmpty();
        assertThat(names(list("/api/templates", owner))).containsExactly("Private", "Mine");
    }

    @Test
    void badFieldsAndParametersAre400sNamingThem() {
        Account owner = register();
        Map<String, Map<String, Object>> refused = new HashMap<>();
        refused.put("name", new HashMap<>(Map.of("name", "n".repeat(101), "instruction", "i")));
        refused.put("instruction", new HashMap<>(Map.of("name", "n")));
        refused.put("tone", new HashMap<>(Map.of("name", "n", "instruction", "i", "tone", "t".repeat(201))));
        refused.put("inputData", new HashMap<>(Map.of("name", "n", "instruction", "i",
                "inputData", "d".repeat(20_001))));
        refused.put("warnings", new HashMap<>(Map.of("name", "n", "instruction", "i",
                "warnings", java.util.Collections.nCopies(21, "w"))));
        refused.put("tags", new HashMap<>(Map.of("name", "n", "instruction", "i", "tags", List.of("two words"))));
        refused.forEach((field, body) -> {
            HttpApi.Reply reply = api.post("/api/templates", body, owner.token());
            assertThat(reply.status()).as(field + " " + reply.body()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.body().path("details").has(field)).as(reply.body().toString()).isTrue();
        });
        assertThat(names(list("/api/templates", owner))).isEmpty();

        for (String query : List.of("search=" + "s".repeat(101), "tag=" + URLEncoder.encode("a b",
                StandardCharsets.UTF_8), "page=0", "limit=101")) {
            HttpApi.Reply reply = api.get("/api/templates?" + query, owner.token());
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("VALIDATION_FAILED");
        }
        HttpApi.Reply badSort = api.get("/api/templates/public?sort=random", owner.token());
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.body().path("details").has("sort")).isTrue();
        assertThat(api.get("/api/templates", null).status()).isEqualTo(401);
    }

    @Test
    void usingATemplateComposesItsPromptAndTheUsesAreCounted() {
        Account owner = register();
        Account user = register();
        String tag = "t" + unique();
        String id = create(owner, template("Reviewer " + tag, true, tag)).path("id").asText();
        create(owner, template("Private " + tag, false, tag));

        HttpApi.Reply used = api.post("/api/templates/" + id + "/use", Map.of("input", "class A {}"), user.token());

        assertThat(used.status()).as(used.body().toString()).isEqualTo(200);
        assertThat(used.data().path("templateId").asText()).isEqualTo(id);
        assertThat(used.data().path("prompt").asText()).isEqualTo("""
                # Persona
                a senior engineer

                # Context
                a code review

                # Instruction
                Review the code I give you

                # Input data
                our style guide

                # Input
                class A {}

                # Format
                a list of findings

                # Tone
                direct

                # Thinking points
                - correctness
                - naming

                # Warnings
                - do not rewrite everything

                # Ask me
                Before you answer, ask me the questions you need answered to do this well.""");
        assertThat(api.post("/api/templates/" + id + "/use", null, user.token()).data().path("prompt").asText())
                .doesNotContain("# Input\n");
        assertThat(api.post("/api/templates/" + id + "/use", Map.of(), owner.token()).status()).isEqualTo(200);

        await().until(() -> list("/api/templates/public?tag=" + tag, user).path("templates").path(0)
                .path("uses").asLong() == 3);
        JsonNode everyones = list("/api/templates/public?tag=" + tag, user);
        assertThat(names(everyones)).containsExactly("Reviewer " + tag);
        assertThat(list("/api/templates?tag=" + tag, owner).path("templates").path(1).path("uses").asLong())
                .isEqualTo(3);
        assertThat(names(list("/api/templates/public?search=reviewer+" + tag + "&sort=popular", user)))
                .containsExactly("Reviewer " + tag);
    }

    @Test
    void publicTemplatesAreListedNewestOrMostUsedFirst() {
        Account owner = register();
        String tag = "t" + unique();
        String older = create(owner, template("Older " + tag, true, tag)).path("id").asText();
        create(owner, template("Newer " + tag, true, tag));
        api.post("/api/templates/" + older + "/use", Map.of(), owner.token());

        assertThat(names(list("/api/templates/public?tag=" + tag, owner))).containsExactly("Newer " + tag,
                "Older " + tag);
        await().until(() -> names(list("/api/templates/public?tag=" + tag + "&sort=popular", owner))
                .equals(List.of("Older " + tag, "Newer " + tag)));
    }

    @Test
    void administratorsHideAndShowPublicTemplates() {
        Account owner = register();
        Account user = register();
        String tag = "t" + unique();
        String id = create(owner, template("Spam " + tag, true, tag)).path("id").asText();

        assertThat(api.patch("/api/admin/templates/" + id, Map.of("hidden", true), user.token()).status())
                .isEqualTo(403);
        HttpApi.Reply hidden = api.patch("/api/admin/templates/" + id, Map.of("hidden", true, "reason", "spam"),
                admin().token());
        assertThat(hidden.status()).as(hidden.body().toString()).isEqualTo(200);
        assertThat(hidden.data().path("template").path("hidden").asBoolean()).isTrue();

        assertThat(names(list("/api/templates/public?tag=" + tag, user))).isEmpty();
        assertThat(names(list("/api/admin/templates?hidden=true&search=" + tag, admin())))
                .containsExactly("Spam " + tag);
        assertThat(names(list("/api/admin/templates?hidden=false&search=" + tag, admin()))).isEmpty();
        assertThat(names(list("/api/admin/templates?search=" + tag, admin()))).containsExactly("Spam " + tag);
        assertThat(api.get("/api/admin/templates", user.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/templates/" + id + "/use", Map.of(), user.token()).status()).isEqualTo(404);
        assertThat(list("/api/templates?tag=" + tag, owner).path("templates").path(0).path("hidden").asBoolean())
                .isTrue();
        assertThat(api.post("/api/templates/" + id + "/use", Map.of(), owner.token()).status()).isEqualTo(200);
        HttpApi.Reply republished = api.put("/api/templates/" + id, template("Spam " + tag, true, tag, "again"),
                owner.token());
        assertThat(republished.data().path("template").path("hidden").asBoolean()).isTrue();
        assertThat(names(list("/api/templates/public?tag=" + tag, user))).isEmpty();

        HttpApi.Reply shown = api.patch("/api/admin/templates/" + id, Map.of("hidden", false), admin().token());
        assertThat(shown.data().path("template").path("hidden").asBoolean()).isFalse();
        assertThat(names(list("/api/templates/public?tag=" + tag, user))).containsExactly("Spam " + tag);
        assertThat(api.patch("/api/admin/templates/" + id, Map.of(), admin().token()).status()).isEqualTo(400);
        assertThat(api.patch("/api/admin/templates/template-0123456789abcdef0123456789abcdef",
                Map.of("hidden", true), admin().token()).status()).isEqualTo(404);
    }

    @Test
    void aSessionStartedFromATemplateTakesTheComposedPromptAsItsSystemInstruction() {
        Account owner = register();
        Account user = register();
        String id = create(owner, template("Session " + unique(), true)).path("id").asText();
        String privateId = create(owner, template("Private " + unique(), false)).path("id").asText();

        HttpApi.Reply started = api.post("/api/chat/sessions", Map.of("title", "From a template", "templateId", id,
                "templateInput", "[template-marker] class B {}"), user.token());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
        String sessionId = started.data().path("session").path("id").asText();
        HttpApi.Reply turn = api.post("/api/chat", Map.of("message", "Go", "sessionId", sessionId,
                "modelId", FakeProviders.FREE_MODEL), user.token());
        assertThat(turn.status()).as(turn.body().toString()).isEqualTo(200);

        String sent = FakeProviders.completionRequests().stream()
                .filter(body -> body.contains("[template-marker]")).findFirst().orElseThrow();
        assertThat(sent).contains("# Persona\\na senior engineer").contains("# Input\\n[template-marker] class B {}")
                .contains("# Ask me\\nBefore you answer");
        await().until(() -> api.get("/api/templates/" + id, owner.token()).data().path("template").path("uses")
                .asLong() == 1);

        HttpApi.Reply both = api.post("/api/chat/sessions", Map.of("templateId", id, "systemInstruction", "Be brief"),
                user.token());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().path("details").has("templateId")).isTrue();
        assertThat(api.post("/api/chat/sessions", Map.of("templateId", privateId), user.token()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/chat/sessions", Map.of("templateId", "nope"), user.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/chat/sessions", user.token()).data().path("sessions")).hasSize(1);
    }
}
