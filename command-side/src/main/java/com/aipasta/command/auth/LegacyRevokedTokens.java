package com.aipasta.command.auth;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tokens logged out before logout became an account event ({@code TokenRevokedEvent}), read once at start-up from
 * the collection they were kept in ({@code revoked_tokens}, whose index drops each once the token would have expired
 * anyway). Once {@code JWT_TTL} has passed since the upgrade it holds nothing.
 */
@Component
public class LegacyRevokedTokens {

    static final String COLLECTION = "revoked_tokens";

    private final Set<String> tokenIds;

    public LegacyRevokedTokens(MongoTemplate mongo) {
        this.tokenIds = mongo.collectionExists(COLLECTION)
                ? mongo.find(new Query(), Document.class, COLLECTION).stream()
                .map(revoked -> String.valueOf(revoked.get("_id")))
                .collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }

    public boolean contains(String tokenId) {
        return tokenIds.contains(tokenId);
    }
}
