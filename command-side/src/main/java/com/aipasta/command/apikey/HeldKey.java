package com.aipasta.command.apikey;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.event.ApiKeyCreatedEvent;
import com.aipasta.apikey.api.event.ApiKeyEvent;
import com.aipasta.apikey.api.event.ApiKeyRevokedEvent;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.apikey.api.value.ApiKeyScope;

import java.time.Instant;
import java.util.Set;

/** What authenticating with an API key needs, folded from the key's events; {@code sequence} as in the account's. */
public record HeldKey(ApiKeyId keyId, UserId ownerId, String keyHash, Set<ApiKeyScope> scopes, Instant expiresAt,
                      boolean revoked, long sequence) {

    public static HeldKey created(ApiKeyCreatedEvent event, long sequence) {
        return new HeldKey(event.keyId(), event.ownerId(), event.keyHash(), Set.copyOf(event.scopes()),
                event.expiresAt(), false, sequence);
    }

    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }

    public HeldKey with(ApiKeyEvent event, long next) {
        if (event instanceof ApiKeyCreatedEvent created) {
            return created(created, next);
        }
        boolean nowRevoked = revoked || event instanceof ApiKeyRevokedEvent;
        return new HeldKey(keyId, ownerId, keyHash, scopes, expiresAt, nowRevoked, next);
    }
}
