package com.aipasta.payment.api.command;

import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeactivatePlanCommand(@TargetAggregateIdentifier String planId, String deactivatedBy,
                                    Instant deactivatedAt) {

    public DeactivatePlanCommand {
        Require.text(planId, "planId");
        Require.text(deactivatedBy, "deactivatedBy");
        Require.present(deactivatedAt, "deactivatedAt");
    }
}
