package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeactivateUserCommand(@TargetAggregateIdentifier UserId userId, String reason, UserId deactivatedBy,
                                    Instant deactivatedAt) {

    public DeactivateUserCommand {
        Require.present(userId, "userId");
        Require.present(deactivatedBy, "deactivatedBy");
        Require.present(deactivatedAt, "deactivatedAt");
    }
}
