package com.aipasta.ops.processing;

import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.cli.CliRunner;
import com.aipasta.projections.account.UserAccountProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a read model cannot handle (here a date beyond what MongoDB stores, recorded before dates were checked)
 * is parked with the later events of its aggregate, while the read model goes on with every other aggregate; a
 * request waiting for that aggregate answers 503 at once; administrators see, retry and evict the parked events over
 * HTTP and from the ops CLI, and once the poisoned event is gone the events behind it are handled in order.
 */
class ParkedEventsTest extends PlatformTest {

    private static final String READ_MODEL = UserAccountProjection.NAME;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPoisonedEventIsParkedWithItsAggregatesLaterEventsUntilAnAdministratorActs() {
        UserId poisoned = new UserId(UUID.randomUUID().toString());
        UserId admin = new UserId(admin().id());
        Instant now = Instant.now();
        append(poisoned, 0, new UserRegisteredEvent(poisoned, "poisoned-" + poisoned + "@example.com", "Poisoned",
                "not a hash", Role.USER, now));
        append(poisoned, 1, new PlanAssignedEvent(poisoned, "premium", Instant.parse("+1000000000-01-01T00:00:00Z"),
                admin, now));
        append(poisoned, 2, new DailyLimitChangedEvent(poisoned, 7, admin, now));

        await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf(poisoned).size() == 2);
        List<JsonNode> parked = parkedOf(poisoned);
        assertThat(parked).extracting(event -> event.path("sequence").asLong()).containsExactly(1L, 2L);
        assertThat(parked.get(0).path("eventType").asText()).isEqualTo("PlanAssignedEvent");
        assertThat(parked.get(0).path("cause").asText()).isNotBlank();
        assertThat(mongo.count(Query.query(Criteria.where("processingGroup").is(READ_MODEL)
                .and("sequenceIdentifier").is(poisoned.value())), Document.class, "deadletters")).isEqualTo(2);
        JsonNode health = api.get("/health", null).data();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("parked").asLong()).isGreaterThanOrEqualTo(2);

        Account other = register();
        assertThat(api.get("/api/auth/me", other.token()).status()).isEqualTo(200);

        HttpApi.Reply stalled = api.patch("/api/admin/users/" + poisoned.value(), Map.of("dailyRequestLimit", 9),
                admin().token());
        assertThat(stalled.status()).isEqualTo(503);
        assertThat(stalled.code()).isEqualTo("READ_MODEL_STALLED");
        await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf(poisoned).size() == 3);

        HttpApi.Reply retriedInVain = api.post("/api/admin/projections/" + READ_MODEL + "/parked/retry?aggregateId="
                + poisoned.value(), "", admin().token());
        assertThat(retriedInVain.status()).isEqualTo(200);
        assertThat(retriedInVain.data().path("sequencesHandled").asInt()).isZero();
        assertThat(parkedOf(poisoned)).hasSize(3);

        Map<String, String> cli = Map.of("DATA_DIR", dataDirectory().toString());
        CliRunner.Result listed = CliRunner.run(cli, "parked", "list", READ_MODEL);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(poisoned.value()).contains("PlanAssignedEvent");
        CliRunner.Result evicted = CliRunner.run(cli, "parked", "evict", READ_MODEL, "--aggregate", poisoned.value(),
                "--event", parked.get(0).path("eventId").asText());
        assertThat(evicted.exitCode()).as(evicted.err()).isZero();
        assertThat(evicted.out()).contains("1 events evicted");

        HttpApi.Reply retried = api.post("/api/admin/projections/" + READ_MODEL + "/parked/retry", "",
                admin().token());
        assertThat(retried.data().path("sequencesHandled").asInt()).isEqualTo(1);
        assertThat(parkedOf(poisoned)).isEmpty();
        JsonNode user = api.get("/api/admin/users/" + poisoned.value(), admin().token()).data().path("user");
        assertThat(user.path("dailyRequestLimit").asInt()).isEqualTo(9);
        assertThat(user.path("plan").asText()).isEqualTo("free");
        assertThat(api.get("/health", null).data().path("parked").asLong()).isZero();
        assertThat(api.delete("/api/admin/projections/" + READ_MODEL + "/parked/" + poisoned.value(),
                admin().token()).status()).isEqualTo(404);
    }

    @Test
    void parkedEventsAreForAdministratorsOnly() {
        Account user = register();

        assertThat(api.get("/api/admin/projections/parked", user.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/projections/all/parked/retry", "", user.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/projections/parked?projection=nothing", admin().token()).status())
                .isEqualTo(404);
    }

    private void append(UserId user, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("UserAccount", user.value(), sequence, payload));
    }

    private List<JsonNode> parkedOf(UserId user) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/admin/projections/parked?projection=" + READ_MODEL, admin().token()).data().path("events")
                .forEach(event -> {
                    if (event.path("aggregateId").asText().equals(user.value())) {
                        events.add(event);
                    }
                });
        return events;
    }
}
