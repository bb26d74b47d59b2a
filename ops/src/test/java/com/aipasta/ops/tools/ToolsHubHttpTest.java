package com.aipasta.ops.tools;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ToolsHubHttpTest extends PlatformTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void listsEveryToolWithTheJsonSchemaOfItsParameters() {
        Account account = register();

        HttpApi.Reply reply = api.get("/api/tools", account.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(reply.data().path("tools").spliterator(), false)
                .map(tool -> tool.path("name").asText()))
                .containsExactly("calculator", "color-palette", "echo", "format", "hash", "lorem", "regex");
        JsonNode hash = reply.data().path("tools").get(4);
        assertThat(hash.path("parameters").path("type").asText()).isEqualTo("object");
        assertThat(hash.path("parameters").path("required").get(0).asText()).isEqualTo("text");
    }

    @Test
    void runsAToolAndCountsItsUseForTheCallerAndForEveryone() {
        Account account = register();
        long everyoneBefore = hashUses(api.get("/api/tools/usage-stats", account.token()).data().path("everyone"));

        HttpApi.Reply first = api.post("/api/tools/hash", Map.of("text", "abc", "algorithm", "sha256"),
                account.token());
        api.post("/api/tools/hash", Map.of("text", "abd"), account.token());
        api.post("/api/tools/lorem", Map.of("count", 3), account.token());

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("tool").asText()).isEqualTo("hash");
        assertThat(first.data().path("result").path("sha256").asText())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        JsonNode stats = api.get("/api/tools/usage-stats", account.token()).data();
        assertThat(stats.path("yours")).hasSize(2);
        assertThat(stats.path("yours").get(0).path("toolName").asText()).isEqualTo("hash");
        assertThat(stats.path("yours").get(0).path("uses").asLong()).isEqualTo(2);
        assertThat(stats.path("yours").get(0).path("usesByChannel").path("hub").asLong()).isEqualTo(2);
        assertThat(stats.path("yours").get(1).path("toolName").asText()).isEqualTo("lorem");
        assertThat(hashUses(stats.path("everyone"))).isEqualTo(everyoneBefore + 2);
    }

    @Test
    void badParametersAreA400NamingThemAndRecordNothing() {
        Account account = register();
        long events = events();

        HttpApi.Reply divideByZero = api.post("/api/tools/calculator",
                Map.of("operation", "divide", "number1", 1, "number2", 0), account.token());
        HttpApi.Reply unknown = api.post("/api/tools/calculator",
                Map.of("operation", "add", "number1", 1, "number2", 2, "number3", 3), account.token());
        HttpApi.Reply catastrophic = api.post("/api/tools/regex",
                Map.of("pattern", "(.*a){15}b", "text", "a".repeat(40)), account.token());
        HttpApi.Reply invalidJson = api.post("/api/tools/format", Map.of("language", "json", "text", "{oops"),
                account.token());

        assertThat(divideByZero.status()).isEqualTo(400);
        assertThat(divideByZero.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(divideByZero.body().toString()).contains("number2").contains("must not be zero");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("number3");
        assertThat(catastrophic.status()).isEqualTo(422);
        assertThat(catastrophic.code()).isEqualTo("REGEX_TIMEOUT");
        assertThat(invalidJson.status()).isEqualTo(400);
        assertThat(invalidJson.body().toString()).contains("not valid JSON");
        assertThat(events()).isEqualTo(events);
        assertThat(api.get("/api/tools/usage-stats", account.token()).data().path("yours")).isEmpty();
    }

    @Test
    void anUnknownToolIsNotFound() {
        Account account = register();

        HttpApi.Reply reply = api.post("/api/tools/teleport", Map.of(), account.token());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theToolsNeedAnAccount() {
        assertThat(api.get("/api/tools", null).status()).isEqualTo(401);
        assertThat(api.post("/api/tools/echo", Map.of("message", "hi"), null).status()).isEqualTo(401);
    }

    private static long hashUses(JsonNode everyone) {
        return StreamSupport.stream(everyone.spliterator(), false)
                .filter(tool -> tool.path("toolName").asText().equals("hash"))
                .mapToLong(tool -> tool.path("uses").asLong()).sum();
    }

    private long events() {
        return mongo.getCollection("domainevents").countDocuments();
    }
}
