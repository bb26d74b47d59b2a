package com.aipasta.catalog.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * An administrator enables or disables a catalogue model, or sets the plan it requires; a null field stays as it
 * is, and a model without a policy is enabled and requires what the catalogue says.
 */
public record ChangeModelPolicyCommand(@TargetAggregateIdentifier String modelId, Boolean enabled,
                                       String requiredPlan, UserId changedBy, Instant changedAt) {

    public ChangeModelPolicyCommand {
        Require.text(modelId, "modelId");
        Require.present(changedBy, "changedBy");
        Require.present(changedAt, "changedAt");
    }
}
