package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RevokeSessionShareCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                        Instant revokedAt) {

    public RevokeSessionShareCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.present(revokedAt, "revokedAt");
    }
}
