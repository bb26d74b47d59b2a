package com.aipasta.payment.api.command;

import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Changes the fields that are not null and leaves the others as they are. */
public record ChangePlanCommand(@TargetAggregateIdentifier String planId, String name, String description,
                                Long tokens, Long amount, String currency, String planUpgrade,
                                Integer validityDays, String changedBy, Instant changedAt) {

    public ChangePlanCommand {
        Require.text(planId, "planId");
        Require.text(changedBy, "changedBy");
        Require.present(changedAt, "changedAt");
    }
}
