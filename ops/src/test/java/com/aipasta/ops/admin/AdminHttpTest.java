package com.aipasta.ops.admin;

import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static com.aipasta.ops.chat.FakeProviders.FREE_ROUTER_MODEL;
import static com.aipasta.ops.chat.FakeProviders.PROMPT_TOKENS;
import static com.aipasta.ops.chat.FakeProviders.COMPLETION_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

class AdminHttpTest extends PlatformTest {

    private static final List<String> ADMIN_READS = List.of("/api/admin/stats", "/api/admin/analytics",
            "/api/admin/users", "/api/admin/system", "/api/admin/projections", "/api/admin/audit/wallets",
            "/api/admin/models");

    @Autowired
    private EventStore eventStore;

    private HttpApi.Reply chat(Account account, String message, String model) {
        return api.post("/api/chat", Map.of("message", message, "modelId", model), account.token());
    }

    private List<Object> accountEvents(String userId) {
        return eventStore.readEvents(userId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void everyAdministrationEndpointRefusesOrdinaryUsers() {
        Account user = register();
        Account other = register();

        for (String path : ADMIN_READS) {
            HttpApi.Reply reply = api.get(path, user.token());
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.code()).as(path).isEqualTo("FORBIDDEN");
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(api.get("/api/admin/users/" + other.id(), user.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/admin/users/" + other.id(), Map.of("active", false), user.token()).status())
                .isEqualTo(403);
        assertThat(api.delete("/api/admin/users/" + other.id(), user.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/admin/models/" + FREE_MODEL, Map.of("enabled", false), user.token()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/admin/projections/all/replay", Map.of(), user.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/auth/me", other.token()).status()).isEqualTo(200);
    }

    @Test
    void listsAndFindsUsersBySearchRolePlanAndActivity() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Account first = register("first-" + tag + "@example.com");
        Account second = register("second-" + tag + "@example.com");
        api.patch("/api/admin/users/" + second.id(), Map.of("plan", "premium"), admin().token());

        JsonNode found = api.get("/api/admin/users?search=" + tag.toUpperCase() + "&limit=1", admin().token()).data();
        assertThat(found.path("pagination").path("total").asInt()).isEqualTo(2);
        assertThat(found.path("users")).hasSize(1);
        assertThat(found.path("users").get(0).path("id").asText()).isEqualTo(second.id());
        JsonNode premium = api.get("/api/admin/users?search=" + tag + "&plan=premium", admin().token()).data();
        assertThat(premium.path("users")).extracting(user -> user.path("id").asText()).containsExactly(second.id());
        JsonNode admins = api.get("/api/admin/users?role=admin", admin().token()).data();
        assertThat(admins.path("users")).extracting(user -> user.path("email").asText()).contains(ADMIN_EMAIL);

        JsonNode one = api.get("/api/admin/users/" + first.id(), admin().token()).data().path("user");
        assertThat(one.path("email").asText()).isEqualTo(first.email());
        assertThat(one.path("tokens").path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/admin/users/nobody", admin().token()).status()).isEqualTo(404);
        assertThat(api.get("/api/admin/users?role=king", admin().token()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/admin/users?limit=101", admin().token()).status()).isEqualTo(400);
    }

    @Test
    void changesAreEventsNamingTheAdministrator() {
        Account user = register();
        Instant until = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> changes = new HashMap<>();
        changes.put("role", "premium");
        changes.put("plan", "premium");
        changes.put("planValidUntil", until.toString());
        changes.put("dailyRequestLimit", 7);

        HttpApi.Reply reply = api.patch("/api/admin/users/" + user.id(), changes, admin().token());

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode changed = reply.data().path("user");
        assertThat(changed.path("role").asText()).isEqualTo("premium");
        assertThat(changed.path("plan").asText()).isEqualTo("premium");
        assertThat(changed.path("dailyRequestLimit").asInt()).isEqualTo(7);
        UserId adminId = new UserId(admin().id());
        assertThat(accountEvents(user.id())).filteredOn(event -> !(event instanceof com.aipasta.account.api.event
                        .UserRegisteredEvent))
                .allSatisfy(event -> assertThat(event).hasFieldOrPropertyWithValue(adminField(event), adminId))
                .hasAtLeastOneElementOfType(RoleChangedEvent.class)
                .hasAtLeastOneElementOfType(PlanAssignedEvent.class)
                .hasAtLeastOneElementOfType(DailyLimitChangedEvent.class);

        Map<String, Object> restore = new HashMap<>();
        restore.put("dailyRequestLimit", null);
        JsonNode restored = api.patch("/api/admin/users/" + user.id(), restore, admin().token()).data().path("user");
        assertThat(restored.has("dailyRequestLimit")).isFalse();
        assertThat(restored.path("role").asText()).isEqualTo("premium");
    }

    private static String adminField(Object event) {
        if (event instanceof RoleChangedEvent || event instanceof DailyLimitChangedEvent) {
            return "changedBy";
        }
        if (event instanceof PlanAssignedEvent) {
            return "assignedBy";
        }
        return event instanceof UserDeactivatedEvent ? "deactivatedBy" : "deletedBy";
    }

    @Test
    void aDailyLimitReplacesThePlansOwn() {
        Account user = register();
        api.patch("/api/admin/users/" + user.id(), Map.of("dailyRequestLimit", 1), admin().token());

        assertThat(chat(user, "Hi", FREE_MODEL).status()).isEqualTo(200);
        HttpApi.Reply second = chat(user, "Hi again", FREE_MODEL);

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.code()).isEqualTo("QUOTA_EXCEEDED");
    }

    @Test
    void deactivationStopsTheUsersTokensAtOnceAndReactivationRestoresThem() {
        Account user = register();

        HttpApi.Reply reply = api.patch("/api/admin/users/" + user.id(), Map.of("active", false, "reason", "abuse"),
                admin().token());

        assertThat(reply.data().path("user").path("active").asBoolean()).isFalse();
        assertThat(api.get("/api/auth/me", user.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD), null).status())
                .isEqualTo(401);
        assertThat(accountEvents(user.id())).contains(new UserDeactivatedEvent(new UserId(user.id()), "abuse",
                new UserId(admin().id()), ((UserDeactivatedEvent) accountEvents(user.id()).get(1)).deactivatedAt()));
        assertThat(api.get("/api/admin/users?active=false&search=" + user.email(), admin().token()).data()
                .path("users")).hasSize(1);

        api.patch("/api/admin/users/" + user.id(), Map.of("active", true), admin().token());
        assertThat(api.get("/api/auth/me", user.token()).status()).isEqualTo(200);
    }

    @Test
    void deletionClosesTheAccountAndFreesItsEmail() {
        Account user = register();

        HttpApi.Reply deleted = api.delete("/api/admin/users/" + user.id(), admin().token());

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
        assertThat(deleted.data().path("user").path("deleted").asBoolean()).isTrue();
        assertThat(api.get("/api/auth/me", user.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/admin/users?search=" + user.email(), admin().token()).data().path("users")).isEmpty();
        assertThat(api.delete("/api/admin/users/" + user.id(), admin().token()).status()).isEqualTo(404);
        assertThat(api.patch("/api/admin/users/" + user.id(), Map.of("active", true), admin().token()).status())
                .isEqualTo(404);
        assertThat(accountEvents(user.id())).last().isInstanceOf(UserDeletedEvent.class);
        assertThat(register(user.email()).id()).isNotEqualTo(user.id());
    }

    @Test
    void refusesBadChangesAndChangesToOnesOwnAccount() {
        Account user = register();
        String path = "/api/admin/users/" + user.id();

        assertThat(api.patch(path, Map.of("role", "king"), admin().token()).status()).isEqualTo(400);
        assertThat(api.patch(path, Map.of("plan", "gold"), admin().token()).status()).isEqualTo(400);
        assertThat(api.patch(path, Map.of("dailyRequestLimit", -1), admin().token()).status()).isEqualTo(400);
        assertThat(api.patch(path, Map.of("planValidUntil", "2020-01-01T00:00:00Z", "plan", "premium"),
                admin().token()).status()).isEqualTo(400);
        assertThat(api.patch(path, Map.of(), admin().token()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.patch("/api/admin/users/nobody", Map.of("active", false), admin().token()).status())
                .isEqualTo(404);
        HttpApi.Reply self = api.patch("/api/admin/users/" + admin().id(), Map.of("active", false), admin().token());
        assertThat(self.status()).isEqualTo(409);
        assertThat(api.get("/api/auth/me", admin().token()).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/users/" + user.id(), admin().token()).data().path("user").path("version")
                .asLong()).isZero();
    }

    @Test
    void aDisabledModelIsHiddenAndRefusedAndARequiredPlanIsEnforced() {
        Account user = register();
        String path = "/api/admin/models/" + FREE_ROUTER_MODEL;
        try {
            HttpApi.Reply disabled = api.patch(path, Map.of("enabled", false), admin().token());
            assertThat(disabled.status()).as(disabled.body().toString()).isEqualTo(200);
            assertThat(disabled.data().path("enabled").asBoolean()).isFalse();
            assertThat(api.get("/api/models?limit=100", user.token()).data().path("models"))
                    .extracting(model -> model.path("id").asText()).doesNotContain(FREE_ROUTER_MODEL);
            assertThat(chat(user, "Hi", FREE_ROUTER_MODEL).status()).isEqualTo(404);

            api.patch(path, Map.of("enabled", true, "requiredPlan", "premium"), admin().token());
            HttpApi.Reply paywall = chat(user, "Hi", FREE_ROUTER_MODEL);
            assertThat(paywall.status()).isEqualTo(403);
            assertThat(paywall.code()).isEqualTo("PAYWALL");
            assertThat(eventStore.readEvents(FREE_ROUTER_MODEL).asStream().map(DomainEventMessage::getPayload))
                    .allSatisfy(event -> assertThat(((ModelPolicyChangedEvent) event).changedBy())
                            .isEqualTo(new UserId(admin().id())));
        } finally {
            api.patch(path, Map.of("enabled", true, "requiredPlan", "free"), admin().token());
        }
        assertThat(chat(user, "Hi", FREE_ROUTER_MODEL).status()).isEqualTo(200);
        assertThat(api.patch("/api/admin/models/nowhere/none", Map.of("enabled", false), admin().token()).status())
                .isEqualTo(404);
        assertThat(api.patch(path, Map.of("requiredPlan", "gold"), admin().token()).status()).isEqualTo(400);
    }

    @Test
    void statsAndAnalyticsCountWhatHappened() {
        Instant from = Instant.now().minusMillis(1);
        Account user = register();
        assertThat(chat(user, "Hi", FREE_MODEL).status()).isEqualTo(200);
        assertThat(chat(user, "Hi [500]", FREE_MODEL).status()).isNotEqualTo(200);
        Instant to = Instant.now().plusSeconds(1);

        JsonNode analytics = api.get("/api/admin/analytics?from=" + from + "&to=" + to, admin().token()).data();

        JsonNode totals = analytics.path("totals");
        assertThat(totals.path("signups").asInt()).isEqualTo(1);
        assertThat(totals.path("activeUsers").asInt()).isEqualTo(1);
        assertThat(totals.path("turns").asInt()).isEqualTo(2);
        assertThat(totals.path("failedTurns").asInt()).isEqualTo(1);
        assertThat(totals.path("tokensUsed").asLong()).isEqualTo(PROMPT_TOKENS + COMPLETION_TOKENS);
        assertThat(totals.path("models").get(0).path("modelId").asText()).isEqualTo(FREE_MODEL);
        assertThat(totals.path("models").get(0).path("failureRate").asDouble()).isEqualTo(0.5);
        assertThat(analytics.path("series")).isNotEmpty();
        assertThat(api.get("/api/admin/analytics?granularity=hour", admin().token()).status()).isEqualTo(400);
        assertThat(api.get("/api/admin/analytics?from=" + to + "&to=" + from, admin().token()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/admin/analytics?from=yesterday", admin().token()).status()).isEqualTo(400);

        JsonNode stats = api.get("/api/admin/stats", admin().token()).data();
        assertThat(stats.path("users").path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("allTime").path("turns").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void systemReportsTheEventStoreEveryProcessorAndTheJvm() {
        JsonNode system = api.get("/api/admin/system", admin().token()).data();

        assertThat(system.path("eventStore").path("events").asLong()).isPositive();
        assertThat(system.path("processors")).extracting(processor -> processor.path("name").asText())
                .contains("wallet-balance", "user-accounts", "analytics", "answer-settlement");
        assertThat(system.path("processors")).allSatisfy(processor ->
                assertThat(processor.path("status").asText()).isIn("live", "catching-up", "rebuilding"));
        assertThat(system.path("turnHold").path("limitMillis").asLong()).isEqualTo(10_000);
        assertThat(system.path("turnHold").path("behindMillis").isIntegralNumber()).isTrue();
        assertThat(system.path("turnHold").path("eventLimit").asLong()).isEqualTo(24_000);
        assertThat(system.path("turnHold").path("eventsBehind").isIntegralNumber()).isTrue();
        assertThat(system.path("turnHold").path("turnsHeld").isIntegralNumber()).isTrue();
        assertThat(system.path("turnHold").path("turnsRefused").isIntegralNumber()).isTrue();
        assertThat(system.path("jvm").path("heapUsedBytes").asLong()).isPositive();
        assertThat(system.path("database").path("kind").asText()).isEqualTo("embedded");
        assertThat(system.path("database").path("health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void projectionsListTheirStatusAndAnUnknownOneIsNotFound() {
        JsonNode projections = api.get("/api/admin/projections", admin().token()).data();

        assertThat(projections.path("projections")).extracting(projection -> projection.path("name").asText())
                .contains("analytics", "chat-sessions", "leaderboard", "model-policies", "orders", "plans",
                        "user-accounts", "wallet-balance");
        assertThat(api.post("/api/admin/projections/nope/replay", Map.of(), admin().token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/admin/audit/wallets", admin().token()).data().path("walletsChecked").asInt())
                .isPositive();
    }
}
