package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An administrator puts the user on {@code plan}, until {@code validUntil} or, when it is null, for good. */
public record AssignPlanCommand(@TargetAggregateIdentifier UserId userId, String plan, Instant validUntil,
                                UserId assignedBy, Instant assignedAt) {

    public AssignPlanCommand {
        Require.present(userId, "userId");
        Require.text(plan, "plan");
        Require.present(assignedBy, "assignedBy");
        Require.present(assignedAt, "assignedAt");
    }
}
