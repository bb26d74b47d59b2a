package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeleteUserCommand(@TargetAggregateIdentifier UserId userId, UserId deletedBy, Instant deletedAt) {

    public DeleteUserCommand {
        Require.present(userId, "userId");
        Require.present(deletedBy, "deletedBy");
        Require.present(deletedAt, "deletedAt");
    }
}
