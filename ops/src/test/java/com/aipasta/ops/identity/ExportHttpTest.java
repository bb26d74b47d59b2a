package com.aipasta.ops.identity;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

class ExportHttpTest extends PlatformTest {

    @Test
    void theExportHoldsTheProfileSessionsMessagesLedgerPaymentsKeysAndEventsOfTheCallerOnly() {
        Account account = register();
        Account other = register();
        String phrase = "export phrase " + UUID.randomUUID();
        String otherPhrase = "not mine " + UUID.randomUUID();
        assertThat(api.patch("/api/user/profile", Map.of("name", "Exported Person", "bio", "Bio to export"),
                account.token()).status()).isEqualTo(200);
        JsonNode first = api.post("/api/chat", Map.of("message", phrase, "modelId", FREE_MODEL), account.token()).data();
        String sessionId = first.path("session").path("id").asText();
        assertThat(api.post("/api/chat", Map.of("message", "second turn", "sessionId", sessionId, "modelId", FREE_MODEL),
                account.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/chat", Map.of("message", otherPhrase, "modelId", FREE_MODEL), other.token())
                .status()).isEqualTo(200);
        HttpApi.Reply key = api.post("/api/user/api-keys", Map.of("name", "export key"), account.token());
        String secretKey = key.data().path("key").asText();
        HttpApi.Reply order = api.post("/api/plans/plan-starter/create-order", Map.of(), account.token());
        assertThat(order.status()).as(order.body().toString()).isEqualTo(200);
        assertThat(api.post("/api/templates", Map.of("name", "Exported template", "instruction", "Do it"),
                account.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/templates", Map.of("name", "Not my template", "instruction", "Do it"),
                other.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/prompt-generator", Map.of("input", "export idea [prompt-json]",
                "modelId", FREE_MODEL), account.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/tools/hash", Map.of("text", "exported"), account.token()).status()).isEqualTo(200);

        HttpApi.Reply reply = api.get("/api/user/export", account.token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        JsonNode export = reply.data();
        assertThat(export.path("profile").path("name").asText()).isEqualTo("Exported Person");
        assertThat(export.path("profile").path("bio").asText()).isEqualTo("Bio to export");
        assertThat(export.path("profile").path("email").asText()).isEqualTo(account.email());
        assertThat(export.path("account").path("tokens").path("balance").asLong()).isPositive();
        assertThat(export.path("sessions")).hasSize(1);
        JsonNode session = export.path("sessions").get(0);
        assertThat(session.path("session").path("id").asText()).isEqualTo(sessionId);
        List<String> contents = new ArrayList<>();
        session.path("messages").forEach(message -> contents.add(message.path("content").asText()));
        assertThat(contents).containsExactlyInAnyOrder(phrase, ANSWER, "second turn", ANSWER);
        assertThat(export.path("wallet").path("ledger").size()).isGreaterThanOrEqualTo(3);
        assertThat(export.path("payments")).hasSize(1);
        assertThat(export.path("payments").get(0).path("id").asText()).isEqualTo(order.data().path("orderId").asText());
        assertThat(export.path("apiKeys")).hasSize(1);
        assertThat(export.path("apiKeys").get(0).path("name").asText()).isEqualTo("export key");
        assertThat(export.path("templates")).hasSize(1);
        assertThat(export.path("templates").get(0).path("name").asText()).isEqualTo("Exported template");
        assertThat(export.path("promptGenerations")).hasSize(1);
        assertThat(export.path("promptGenerations").get(0).path("input").asText())
                .isEqualTo("export idea [prompt-json]");
        List<String> types = new ArrayList<>();
        export.path("events").forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).contains("UserRegisteredEvent", "ProfileUpdatedEvent", "WalletOpenedEvent",
                "SessionStartedEvent", "UserMessagePostedEvent", "AssistantMessageCompletedEvent",
                "ApiKeyCreatedEvent", "OrderCreatedEvent", "TemplateCreatedEvent", "PromptGeneratedEvent",
                "ToolUsedEvent");

        String body = reply.raw().body();
        assertThat(body).contains(phrase).doesNotContain(otherPhrase).doesNotContain(other.email())
                .doesNotContain(other.id()).doesNotContain("Not my template").doesNotContain("passwordHash").doesNotContain("keyHash")
                .doesNotContain(secretKey.substring(12));
    }

    @Test
    void anExportNeedsATokenNotAnApiKey() {
        Account account = register();
        String key = api.post("/api/user/api-keys", Map.of("name", "k"), account.token()).data().path("key").asText();

        assertThat(api.get("/api/user/export", null).status()).isEqualTo(401);
        assertThat(api.get("/api/user/export", key).status()).isEqualTo(403);
    }
}
