package com.aipasta.account.api.command;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ChangeRoleCommand(@TargetAggregateIdentifier UserId userId, Role role, UserId changedBy,
                                Instant changedAt) {

    public ChangeRoleCommand {
        Require.present(userId, "userId");
        Require.present(role, "role");
        Require.present(changedBy, "changedBy");
        Require.present(changedAt, "changedAt");
    }
}
