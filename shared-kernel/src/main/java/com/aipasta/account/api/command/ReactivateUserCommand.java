package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ReactivateUserCommand(@TargetAggregateIdentifier UserId userId, UserId reactivatedBy,
                                    Instant reactivatedAt) {

    public ReactivateUserCommand {
        Require.present(userId, "userId");
        Require.present(reactivatedBy, "reactivatedBy");
        Require.present(reactivatedAt, "reactivatedAt");
    }
}
