package com.aipasta.ops.models;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.projections.leaderboard.LeaderboardProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Popularity from the turns of the last week, orders both ways, categories, a forced sync and sessions' models. */
class CatalogueHttpTest extends PlatformTest {

    @Autowired
    EventProcessingConfiguration processing;

    private Map<String, Long> popularity(String token, String order) {
        JsonNode models = api.get("/api/models?sort=popularity&limit=100" + (order == null ? "" : "&order=" + order),
                token).data().path("models");
        Map<String, Long> byModel = new LinkedHashMap<>();
        models.forEach(model -> byModel.put(model.path("id").asText(), model.path("popularity").asLong()));
        return byModel;
    }

    private void turn(Account account, String message, String model) {
        HttpApi.Reply reply = api.post("/api/chat", Map.of("message", message, "modelId", model), account.token());
        assertThat(reply.status()).as(reply.body().toString()).isIn(200, 502);
    }

    @Test
    void popularityCountsTheTurnsOfEachModelOverTheLastWeekAndAReplayRebuildsIt() {
        Account account = register();
        Map<String, Long> before = popularity(account.token(), null);

        turn(account, "One", FREE_ROUTER_MODEL);
        turn(account, "Two", FREE_ROUTER_MODEL);
        turn(account, "Three fails [500]", FREE_ROUTER_MODEL);
        turn(account, "Four", FREE_MODEL);
        Map<String, Long> after = popularity(account.token(), null);

        assertThat(after.get(FREE_ROUTER_MODEL)).isEqualTo(before.get(FREE_ROUTER_MODEL) + 3);
        assertThat(after.get(FREE_MODEL)).isEqualTo(before.get(FREE_MODEL) + 1);
        assertThat(new ArrayList<>(after.values())).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(new ArrayList<>(popularity(account.token(), "asc").values())).isSorted();
        assertThat(api.get("/api/models/" + FREE_ROUTER_MODEL, account.token()).data().path("popularity").asLong())
                .isEqualTo(after.get(FREE_ROUTER_MODEL));

        TrackingEventProcessor leaderboard = processing.eventProcessor(LeaderboardProjection.NAME,
                TrackingEventProcessor.class).orElseThrow();
        leaderboard.shutDown();
        leaderboard.resetTokens();
        leaderboard.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(popularity(account.token(), null)).isEqualTo(after));
    }

    @Test
    void everySortGoesEitherWay() {
        String token = register().token();

        List<String> byName = ids(api.get("/api/models?sort=name&limit=100", token));
        List<String> byNameDescending = ids(api.get("/api/models?sort=name&order=desc&limit=100", token));
        List<String> byPrice = ids(api.get("/api/models?sort=price&order=asc&limit=100", token));
        List<String> byPriceDescending = ids(api.get("/api/models?sort=price&order=desc&limit=100", token));
        HttpApi.Reply badOrder = api.get("/api/models?sort=name&order=sideways", token);

        assertThat(byName).hasSizeGreaterThan(1);
        List<String> reversed = new ArrayList<>(byName);
        Collections.reverse(reversed);
        assertThat(byNameDescending).isEqualTo(reversed);
        assertThat(byPrice.get(byPrice.size() - 1)).isEqualTo(byPriceDescending.get(0));
        assertThat(badOrder.status()).isEqualTo(400);
        assertThat(badOrder.body().path("details").has("order")).isTrue();
    }

    @Test
    void filtersByCategoryAsAParameterAndAsAPath() {
        String token = register().token();

        JsonNode general = api.get("/api/models/category/general?limit=100", token).data();
        JsonNode reasoning = api.get("/api/models?category=reasoning&limit=100", token).data();
        HttpApi.Reply unknown = api.get("/api/models/category/poetry", token);
        HttpApi.Reply unknownParameter = api.get("/api/models?category=poetry", token);

        assertThat(general.path("models")).isNotEmpty();
        assertThat(general.path("models")).allSatisfy(model ->
                assertThat(model.path("category").asText()).isEqualTo("general"));
        assertThat(ids(general.path("models"))).contains(FREE_MODEL, FREE_ROUTER_MODEL);
        assertThat(reasoning.path("models")).allSatisfy(model ->
                assertThat(model.path("category").asText()).isEqualTo("reasoning"));
        assertThat(general.path("pagination").path("total").asInt() + reasoning.path("pagination").path("total")
                .asInt()).isLessThanOrEqualTo(api.get("/api/models", token).data().path("pagination").path("total")
                .asInt());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("details").has("category")).isTrue();
        assertThat(unknownParameter.status()).isEqualTo(400);
    }

    @Test
    void anAdministratorForcesASyncAndAUserMayNot() {
        Account user = register();

        HttpApi.Reply synced = api.post("/api/admin/models/sync", Map.of(), admin().token());
        HttpApi.Reply refused = api.post("/api/admin/models/sync", Map.of(), user.token());

        assertThat(synced.status()).as(synced.body().toString()).isEqualTo(200);
        JsonNode local = null;
        for (JsonNode provider : synced.data().path("providers")) {
            if (provider.path("id").asText().equals("local")) {
                local = provider;
            }
        }
        assertThat(local).isNotNull();
        assertThat(local.path("configured").asBoolean()).isTrue();
        assertThat(local.path("models").asInt()).isEqualTo(1);
        assertThat(local.path("lastSyncedAt").asText()).isNotBlank();
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void aSessionSummaryListsEveryModelThatAnsweredInIt() {
        Account account = register();
        JsonNode first = api.post("/api/chat", Map.of("message", "Hi", "modelId", FREE_MODEL), account.token())
                .data();
        String sessionId = first.path("session").path("id").asText();
        assertThat(api.post("/api/chat", Map.of("message", "Again", "modelId", FREE_ROUTER_MODEL,
                "sessionId", sessionId), account.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/chat", Map.of("message", "Once more", "sessionId", sessionId), account.token())
                .status()).isEqualTo(200);

        JsonNode listed = api.get("/api/chat/sessions", account.token()).data().path("sessions").get(0);
        JsonNode detail = api.get("/api/chat/sessions/" + sessionId, account.token()).data().path("session");

        assertThat(listed.path("id").asText()).isEqualTo(sessionId);
        assertThat(texts(listed.path("models"))).containsExactlyInAnyOrder(FREE_MODEL, FREE_ROUTER_MODEL);
        assertThat(texts(detail.path("models"))).containsExactlyInAnyOrder(FREE_MODEL, FREE_ROUTER_MODEL);
    }

    private static List<String> ids(HttpApi.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return ids(reply.data().path("models"));
    }

    private static List<String> ids(JsonNode models) {
        List<String> ids = new ArrayList<>();
        models.forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode texts) {
        List<String> values = new ArrayList<>();
        texts.forEach(text -> values.add(text.asText()));
        return values;
    }
}
