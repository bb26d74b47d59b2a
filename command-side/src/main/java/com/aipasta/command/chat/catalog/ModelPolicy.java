package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.command.ChangeModelPolicyCommand;
import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** What administrators decided about one catalogue model, by the model's catalogue id. */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class ModelPolicy {

    @AggregateIdentifier
    private String modelId;
    private boolean enabled = true;
    private String requiredPlan;

    protected ModelPolicy() {
    }

    /** Answers with the policy's version; a change to what it already is records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ChangeModelPolicyCommand command) {
        boolean newEnabled = command.enabled() == null ? enabled : command.enabled();
        String newRequiredPlan = command.requiredPlan() == null ? requiredPlan : command.requiredPlan();
        if (modelId == null || newEnabled != enabled || !Objects.equals(newRequiredPlan, requiredPlan)) {
            apply(new ModelPolicyChangedEvent(command.modelId(), newEnabled, newRequiredPlan, command.changedBy(),
                    command.changedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(ModelPolicyChangedEvent event) {
        modelId = event.modelId();
        enabled = event.enabled();
        requiredPlan = event.requiredPlan();
    }
}
