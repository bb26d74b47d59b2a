package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the password hash; the handler answers with the new credentials version. */
public record ChangePasswordCommand(@TargetAggregateIdentifier UserId userId, String passwordHash, Instant changedAt) {

    public ChangePasswordCommand {
        Require.present(userId, "userId");
        Require.text(passwordHash, "passwordHash");
        Require.present(changedAt, "changedAt");
    }
}
