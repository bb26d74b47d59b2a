package com.aipasta.apikey.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RevokeApiKeyCommand(@TargetAggregateIdentifier ApiKeyId keyId, UserId requestedBy, Instant revokedAt) {

    public RevokeApiKeyCommand {
        Require.present(keyId, "keyId");
        Require.present(requestedBy, "requestedBy");
        Require.present(revokedAt, "revokedAt");
    }
}
