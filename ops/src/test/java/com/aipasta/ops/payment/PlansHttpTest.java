package com.aipasta.ops.payment;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PlansHttpTest extends PlatformTest {

    @Test
    void theConfiguredPlansAreListedPubliclyCheapestFirst() {
        HttpApi.Reply reply = api.get("/api/plans", null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode plans = reply.data().path("plans");
        assertThat(plans).extracting(plan -> plan.path("id").asText())
                .contains("plan-starter", "plan-pro", "plan-max");
        JsonNode starter = plans.get(0);
        assertThat(starter.path("id").asText()).isEqualTo("plan-starter");
        assertThat(starter.path("tokens").asLong()).isEqualTo(50_000);
        assertThat(starter.path("amount").asLong()).isEqualTo(9_900);
        assertThat(starter.path("currency").asText()).isEqualTo("INR");
        JsonNode max = plans.findParents("id").stream().filter(plan -> plan.path("id").asText().equals("plan-max"))
                .findFirst().orElseThrow();
        assertThat(max.path("planUpgrade").asText()).isEqualTo("premium");
        assertThat(max.path("validityDays").asInt()).isEqualTo(30);
    }

    @Test
    void administratorsCreateChangeAndDeactivatePlans() {
        String name = "Team " + UUID.randomUUID();
        HttpApi.Reply created = api.post("/api/admin/plans", Map.of("name", name, "tokens", 5_000_000,
                "amount", 499_900, "currency", "INR", "planUpgrade", "premium", "validityDays", 90), admin().token());
        assertThat(created.status()).isEqualTo(201);
        String planId = created.data().path("plan").path("id").asText();
        assertThat(planId).startsWith("plan-");
        assertThat(created.data().path("plan").path("active").asBoolean()).isTrue();

        HttpApi.Reply changed = api.patch("/api/admin/plans/" + planId, Map.of("amount", 449_900), admin().token());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().path("plan").path("amount").asLong()).isEqualTo(449_900);
        assertThat(changed.data().path("plan").path("name").asText()).isEqualTo(name);
        assertThat(api.get("/api/plans", null).data().path("plans").toString()).contains(planId);

        HttpApi.Reply deactivated = api.delete("/api/admin/plans/" + planId, admin().token());
        assertThat(deactivated.data().path("plan").path("active").asBoolean()).isFalse();
        assertThat(api.get("/api/plans", null).data().path("plans").toString()).doesNotContain(planId);
        assertThat(api.patch("/api/admin/plans/" + planId, Map.of("amount", 1), admin().token()).status())
                .isEqualTo(409);
    }

    @Test
    void plansAreValidatedAndOnlyAdministratorsManageThem() {
        Account user = register();

        HttpApi.Reply invalid = api.post("/api/admin/plans", Map.of("name", " ", "tokens", 0, "amount", -5,
                "currency", "rupees", "planUpgrade", "gold"), admin().token());
        HttpApi.Reply forbidden = api.post("/api/admin/plans", Map.of("name", "Mine", "tokens", 1, "amount", 1,
                "currency", "INR"), user.token());
        HttpApi.Reply unknown = api.patch("/api/admin/plans/plan-nope", Map.of("amount", 5), admin().token());

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("details").fieldNames()).toIterable()
                .contains("name", "tokens", "amount", "currency", "planUpgrade");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
    }
}
