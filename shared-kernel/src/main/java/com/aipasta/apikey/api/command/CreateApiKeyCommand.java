package com.aipasta.apikey.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.apikey.api.value.ApiKeyScope;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** {@code keyHash} is the SHA-256 of the whole key, which is shown to its owner once and stored nowhere. */
public record CreateApiKeyCommand(@TargetAggregateIdentifier ApiKeyId keyId, UserId ownerId, String name,
                                  String prefix, String keyHash, Set<ApiKeyScope> scopes, Instant expiresAt,
                                  Instant createdAt) {

    public CreateApiKeyCommand {
        Require.present(keyId, "keyId");
        Require.present(ownerId, "ownerId");
        Require.text(name, "name");
        Require.text(prefix, "prefix");
        Require.text(keyHash, "keyHash");
        Require.present(scopes, "scopes");
        Require.present(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
    }
}
