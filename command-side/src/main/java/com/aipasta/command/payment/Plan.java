package com.aipasta.command.payment;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.payment.api.command.ChangePlanCommand;
import com.aipasta.payment.api.command.CreatePlanCommand;
import com.aipasta.payment.api.command.DeactivatePlanCommand;
import com.aipasta.payment.api.event.PlanChangedEvent;
import com.aipasta.payment.api.event.PlanCreatedEvent;
import com.aipasta.payment.api.event.PlanDeactivatedEvent;
import com.aipasta.payment.api.query.PlanView;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A token pack in the catalogue, managed by administrators; what was sold stays in the log. */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class Plan {

    private record Terms(String name, String description, long tokens, long amount, String currency,
                         String planUpgrade, Integer validityDays) {
    }

    @AggregateIdentifier
    private String planId;
    private Terms terms;
    private boolean active;

    protected Plan() {
    }

    @CommandHandler
    public Plan(CreatePlanCommand command) {
        apply(new PlanCreatedEvent(command.planId(), command.name(), command.description(), command.tokens(),
                command.amount(), command.currency(), command.planUpgrade(), command.validityDays(),
                command.createdBy(), command.createdAt()));
    }

    /** A change that changes nothing records nothing. */
    @CommandHandler
    public void handle(ChangePlanCommand command) {
        if (!active) {
            throw new DomainException(ErrorCode.CONFLICT, "The plan " + planId + " is deactivated");
        }
        Terms changed = new Terms(
                Objects.requireNonNullElse(command.name(), terms.name()),
                command.description() != null ? command.description() : terms.description(),
                Objects.requireNonNullElse(command.tokens(), terms.tokens()),
                Objects.requireNonNullElse(command.amount(), terms.amount()),
                Objects.requireNonNullElse(command.currency(), terms.currency()),
                command.planUpgrade() != null ? command.planUpgrade() : terms.planUpgrade(),
                command.validityDays() != null ? command.validityDays() : terms.validityDays());
        if (changed.equals(terms)) {
            return;
        }
        apply(new PlanChangedEvent(planId, changed.name(), changed.description(), changed.tokens(), changed.amount(),
                changed.currency(), changed.planUpgrade(), changed.validityDays(), command.changedBy(),
                command.changedAt()));
    }

    @CommandHandler
    public void handle(DeactivatePlanCommand command) {
        if (active) {
            apply(new PlanDeactivatedEvent(planId, command.deactivatedBy(), command.deactivatedAt()));
        }
    }

    /** The plan as it is sold now, for an order to be made on these terms. */
    public PlanView view() {
        return new PlanView(planId, terms.name(), terms.description(), terms.tokens(), terms.amount(),
                terms.currency(), terms.planUpgrade(), terms.validityDays(), active);
    }

    @EventSourcingHandler
    void on(PlanCreatedEvent event) {
        planId = event.planId();
        terms = new Terms(event.name(), event.description(), event.tokens(), event.amount(), event.currency(),
                event.planUpgrade(), event.validityDays());
        active = true;
    }

    @EventSourcingHandler
    void on(PlanChangedEvent event) {
        terms = new Terms(event.name(), event.description(), event.tokens(), event.amount(), event.currency(),
                event.planUpgrade(), event.validityDays());
    }

    @EventSourcingHandler
    void on(PlanDeactivatedEvent event) {
        active = false;
    }
}
