package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Logs one token out: it is refused from then on, until it would have expired anyway. */
public record RevokeTokenCommand(@TargetAggregateIdentifier UserId userId, String tokenId, Instant expiresAt,
                                 Instant revokedAt) {

    public RevokeTokenCommand {
        Require.present(userId, "userId");
        Require.text(tokenId, "tokenId");
        Require.present(expiresAt, "expiresAt");
        Require.present(revokedAt, "revokedAt");
    }
}
