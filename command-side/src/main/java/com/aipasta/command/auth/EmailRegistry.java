package com.aipasta.command.auth;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The set of taken e-mail addresses, claimed before registration is dispatched so that two concurrent
 * registrations of one address cannot both succeed. Addresses are stored only as a keyed hash.
 */
@Component
public class EmailRegistry {

    static final String COLLECTION = "email_claims";
    private static final String USER_ID = "userId";

    private final MongoTemplate mongo;
    private final SecretKeySpec key;

    public EmailRegistry(MongoTemplate mongo, AuthProperties properties, SecretStore secrets) {
        this.mongo = mongo;
        this.key = new SecretKeySpec(secrets.configuredOrGenerated(properties.lookupKey(), "email-lookup-key")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public void claim(String normalisedEmail, UserId userId, Instant at) {
        try {
            mongo.insert(new Document("_id", lookupHash(normalisedEmail)).append(USER_ID, userId.value())
                    .append("claimedAt", at), COLLECTION);
        } catch (DuplicateKeyException e) {
            throw new DomainException(ErrorCode.EMAIL_TAKEN, "An account with this e-mail already exists");
        }
    }

    public void release(String normalisedEmail, UserId userId) {
        mongo.remove(Query.query(Criteria.where("_id").is(lookupHash(normalisedEmail)).and(USER_ID)
                .is(userId.value())), COLLECTION);
    }

    public Optional<UserId> ownerOf(String normalisedEmail) {
        return Optional.ofNullable(mongo.findById(lookupHash(normalisedEmail), Document.class, COLLECTION))
                .map(claim -> new UserId(claim.getString(USER_ID)));
    }

    private String lookupHash(String normalisedEmail) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalisedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
