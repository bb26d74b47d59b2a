package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record StartGuestCommand(@TargetAggregateIdentifier UserId userId, int messageLimit, Instant startedAt,
                                Instant expiresAt) {

    public StartGuestCommand {
        Require.present(userId, "userId");
        Require.positive(messageLimit, "messageLimit");
        Require.present(startedAt, "startedAt");
        Require.present(expiresAt, "expiresAt");
    }
}
