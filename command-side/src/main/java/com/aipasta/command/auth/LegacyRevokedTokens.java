package com.aipasta.command.auth;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tokens logged out before logout became an account event ({@code TokenRevokedEvent}), read once at start-up from
 * the collection they were kept in ({@code revoked_tokens}). Records of tokens that have expired anyway are removed
 * then (the embedded server has no TTL monitor to do it), so once {@code JWT_TTL} has passed since the upgrade the
 * collection is empty.
 */
@Component
public class LegacyRevokedTokens {

    static final String COLLECTION = "revoked_tokens";

    private final Set<String> tokenIds;

    public LegacyRevokedTokens(MongoTemplate mongo, Clock clock) {
        if (mongo.collectionExists(COLLECTION)) {
            mongo.remove(Query.query(Criteria.where("expiresAt").lt(Date.from(clock.instant()))), COLLECTION);
        }
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
