package com.aipasta.command.chat.catalog;

import com.aipasta.account.api.value.UserId;
import com.aipasta.catalog.api.command.ChangeModelPolicyCommand;
import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ModelPolicyTest {

    private static final String MODEL = "openrouter/vendor/model:free";
    private static final UserId ADMIN = new UserId("admin-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private AggregateTestFixture<ModelPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ModelPolicy.class);
    }

    @Test
    void theFirstChangeCreatesThePolicyWithTheRestAsBefore() {
        fixture.givenNoPriorActivity()
                .when(new ChangeModelPolicyCommand(MODEL, false, null, ADMIN, T))
                .expectEvents(new ModelPolicyChangedEvent(MODEL, false, null, ADMIN, T));
    }

    @Test
    void aLaterChangeKeepsWhatItDoesNotName() {
        fixture.given(new ModelPolicyChangedEvent(MODEL, false, null, ADMIN, T))
                .when(new ChangeModelPolicyCommand(MODEL, null, "premium", ADMIN, T))
                .expectEvents(new ModelPolicyChangedEvent(MODEL, false, "premium", ADMIN, T));
    }

    @Test
    void aChangeToWhatItAlreadyIsRecordsNothing() {
        fixture.given(new ModelPolicyChangedEvent(MODEL, false, "premium", ADMIN, T))
                .when(new ChangeModelPolicyCommand(MODEL, false, "premium", ADMIN, T))
                .expectNoEvents();
    }
}
