package com.aipasta.projections.apikey;

import com.aipasta.apikey.api.value.ApiKeyScope;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Set;

/** An API key's metadata; the key and its hash are not here. */
@Document(ApiKeyDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "owner_newest", def = "{'ownerId': 1, 'revoked': 1, 'createdAt': -1}")
})
public record ApiKeyDocument(@Id String id, String ownerId, String name, String prefix, Set<ApiKeyScope> scopes,
                             Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean revoked,
                             Instant revokedAt, long lastSequence) {

    public static final String COLLECTION = "api_keys";
}
