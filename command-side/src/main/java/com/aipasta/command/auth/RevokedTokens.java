package com.aipasta.command.auth;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/** Tokens given up by logout, kept until they would have expired anyway, then removed. */
@Component
public class RevokedTokens {

    static final String COLLECTION = "revoked_tokens";
    private static final String EXPIRES_AT = "expiresAt";

    private final MongoTemplate mongo;
    private final Clock clock;

    public RevokedTokens(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on(EXPIRES_AT, Sort.Direction.ASC)
                .expire(Duration.ZERO));
    }

    public void revoke(AccessToken token) {
        try {
            mongo.insert(new Document("_id", token.tokenId()).append(EXPIRES_AT, Date.from(token.expiresAt())),
                    COLLECTION);
        } catch (DuplicateKeyException alreadyRevoked) {
            // logging out twice leaves the token revoked
        }
    }

    public boolean isRevoked(AccessToken token) {
        return mongo.exists(Query.query(Criteria.where("_id").is(token.tokenId())), COLLECTION);
    }

    /** The TTL index does it on MongoDB; the embedded server has no TTL monitor, so this does it everywhere. */
    @Scheduled(fixedDelayString = "${aipasta.auth.revocation-sweep-interval:1h}")
    public void removeExpired() {
        mongo.remove(Query.query(Criteria.where(EXPIRES_AT).lt(Date.from(clock.instant()))), COLLECTION);
    }
}
