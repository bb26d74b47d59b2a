package com.aipasta.apikey.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ApiKeyRevokedEvent(ApiKeyId keyId, UserId ownerId, Instant revokedAt) implements ApiKeyEvent {
}
