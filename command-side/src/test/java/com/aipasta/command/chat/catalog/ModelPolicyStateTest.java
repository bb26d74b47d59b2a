package com.aipasta.command.chat.catalog;

import com.aipasta.account.api.value.UserId;
import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Model policies come from memory kept by events, survive a restart through their own collection, never go back. */
class ModelPolicyStateTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final String MODEL = "openrouter/some-model";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "model-policy-test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static ModelPolicyChangedEvent changed(boolean enabled, String requiredPlan) {
        return new ModelPolicyChangedEvent(MODEL, enabled, requiredPlan, ADMIN, T);
    }

    @Test
    void aChangeMadeHereHoldsAtOnceAndAnOlderEventNeverOverwritesANewerOne() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        ModelPolicyState state = new ModelPolicyState(mongo, bus);

        bus.publish(new GenericDomainEventMessage<>("ModelPolicy", MODEL, 0, changed(false, null)));
        assertThat(state.byModel().get(MODEL).enabled()).isFalse();

        bus.publish(new GenericDomainEventMessage<>("ModelPolicy", MODEL, 1, changed(true, "premium")));
        state.on(changed(false, null), 0);
        state.on(changed(true, "premium"), 1);

        assertThat(state.byModel().get(MODEL).enabled()).isTrue();
        assertThat(state.byModel().get(MODEL).requiredPlan()).isEqualTo("premium");
    }

    @Test
    void aRestartedProcessLoadsWhatItsProcessorKept() {
        ModelPolicyState before = new ModelPolicyState(mongo, SimpleEventBus.builder().build());
        before.on(changed(false, null), 0);
        before.on(changed(true, "premium"), 1);
        before.on(changed(false, null), 0);

        ModelPolicyState after = new ModelPolicyState(mongo, SimpleEventBus.builder().build());

        assertThat(after.byModel()).containsOnlyKeys(MODEL);
        assertThat(after.byModel().get(MODEL).enabled()).isTrue();
        assertThat(after.byModel().get(MODEL).requiredPlan()).isEqualTo("premium");
        assertThat(after.byModel().get(MODEL).changedBy()).isEqualTo(ADMIN.value());
    }
}
