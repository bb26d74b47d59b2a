package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The user deletes their own account, having proved who they are. */
public record CloseAccountCommand(@TargetAggregateIdentifier UserId userId, Instant closedAt) {

    public CloseAccountCommand {
        Require.present(userId, "userId");
        Require.present(closedAt, "closedAt");
    }
}
