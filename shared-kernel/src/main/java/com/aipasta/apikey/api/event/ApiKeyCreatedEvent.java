package com.aipasta.apikey.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.apikey.api.value.ApiKeyScope;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/** {@code expiresAt} null: the key works until it is revoked. */
@Revision("1")
public record ApiKeyCreatedEvent(ApiKeyId keyId, @DataSubject UserId ownerId, @PersonalData String name,
                                 String prefix, String keyHash, Set<ApiKeyScope> scopes, Instant expiresAt,
                                 Instant createdAt)
        implements ApiKeyEvent {
}
