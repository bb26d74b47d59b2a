package com.aipasta.command.payment;

import com.aipasta.common.DomainException;
import com.aipasta.payment.api.command.ChangePlanCommand;
import com.aipasta.payment.api.command.CreatePlanCommand;
import com.aipasta.payment.api.command.DeactivatePlanCommand;
import com.aipasta.payment.api.event.PlanChangedEvent;
import com.aipasta.payment.api.event.PlanCreatedEvent;
import com.aipasta.payment.api.event.PlanDeactivatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PlanCreatedEvent CREATED = new PlanCreatedEvent("plan-pro", "Pro", "For regular use",
            250_000, 39_900, "INR", null, null, "admin-1", T);

    private AggregateTestFixture<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
    }

    @Test
    void createsAPlan() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlanCommand("plan-pro", "Pro", "For regular use", 250_000, 39_900, "INR", null, null,
                        "admin-1", T))
                .expectEvents(CREATED);
    }

    @Test
    void aChangeRecordsTheWholePlanAsItIsAfterwards() {
        fixture.given(CREATED)
                .when(new ChangePlanCommand("plan-pro", null, null, 300_000L, null, null, "premium", 30, "admin-2", T))
                .expectEvents(new PlanChangedEvent("plan-pro", "Pro", "For regular use", 300_000, 39_900, "INR",
                        "premium", 30, "admin-2", T));
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(CREATED)
                .when(new ChangePlanCommand("plan-pro", "Pro", null, 250_000L, null, null, null, null, "admin-2", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeactivatedPlanCannotChangeAndDeactivatesOnce() {
        fixture.given(CREATED)
                .when(new DeactivatePlanCommand("plan-pro", "admin-2", T))
                .expectEvents(new PlanDeactivatedEvent("plan-pro", "admin-2", T));
        fixture.given(CREATED, new PlanDeactivatedEvent("plan-pro", "admin-2", T))
                .when(new DeactivatePlanCommand("plan-pro", "admin-2", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(CREATED, new PlanDeactivatedEvent("plan-pro", "admin-2", T))
                .when(new ChangePlanCommand("plan-pro", "Pro 2", null, null, null, null, null, null, "admin-2", T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void commandsRefuseInvalidShapes() {
        assertThatThrownBy(() -> new CreatePlanCommand("plan-x", "X", null, 0, 100, "INR", null, null, "a", T))
                .isInstanceOf(DomainException.class).hasMessage("tokens must be positive");
        assertThatThrownBy(() -> new CreatePlanCommand("plan-x", "X", null, 10, 0, "INR", null, null, "a", T))
                .isInstanceOf(DomainException.class).hasMessage("amount must be positive");
    }
}
