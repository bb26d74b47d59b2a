package com.aipasta.command.auth;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The set of taken e-mail addresses, claimed before registration is dispatched so that two concurrent
 * registrations of one address cannot both succeed. Addresses are stored only as a keyed hash.
 * <p>
 * A claim survives a crash at any instant: it names a deadline ({@code REGISTRATION_TIMEOUT} after the claim) by
 * which its account must be recorded, and the account refuses to be recorded later. A claim that is not yet
 * confirmed and whose deadline passed a further timeout ago therefore either has its account in the event store
 * (the claim is confirmed then) or never will, and the next registration of the address takes it over. So does a
 * registration of an address still claimed by a deleted account (a crash after the deletion, before the release).
 */
@Component
public class EmailRegistry {

    static final String COLLECTION = "email_claims";
    private static final String USER_ID = "userId";
    private static final String CONFIRMED = "confirmed";
    private static final String REGISTER_BY = "registerBy";

    /** What a claim holds: when its account must be recorded by, and whose abandoned claim it replaced, if any. */
    public record Claim(Instant registerBy, Optional<UserId> replaced) {
    }

    private final MongoTemplate mongo;
    private final EventStore events;
    private final Duration registrationTimeout;
    private final LookupKey lookupKey;

    public EmailRegistry(MongoTemplate mongo, EventStore events, LookupKey lookupKey,
                         @Value("${aipasta.auth.registration-timeout:30s}") Duration registrationTimeout) {
        this.mongo = mongo;
        this.events = events;
        this.registrationTimeout = registrationTimeout;
        this.lookupKey = lookupKey;
    }

    public Claim claim(String normalisedEmail, UserId userId, Instant at) {
        String id = lookupHash(normalisedEmail);
        Instant registerBy = at.plus(registrationTimeout);
        try {
            mongo.insert(claimDocument(id, userId, at, registerBy), COLLECTION);
            return new Claim(registerBy, Optional.empty());
        } catch (DuplicateKeyException taken) {
            return takeOverAbandoned(id, userId, at, registerBy);
        }
    }

    /** The account of the claim is recorded: the claim stands for good. */
    public void confirm(String normalisedEmail, UserId userId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(lookupHash(normalisedEmail)).and(USER_ID)
                .is(userId.value())), Update.update(CONFIRMED, true), COLLECTION);
    }

    public void release(String normalisedEmail, UserId userId) {
        mongo.remove(Query.query(Criteria.where("_id").is(lookupHash(normalisedEmail)).and(USER_ID)
                .is(userId.value())), COLLECTION);
    }

    public Optional<UserId> ownerOf(String normalisedEmail) {
        return Optional.ofNullable(mongo.findById(lookupHash(normalisedEmail), Document.class, COLLECTION))
                .map(claim -> new UserId(claim.getString(USER_ID)));
    }

    public String lookupHash(String normalisedEmail) {
        return lookupKey.hash(normalisedEmail);
    }

    private Claim takeOverAbandoned(String id, UserId userId, Instant at, Instant registerBy) {
        Document existing = mongo.findById(id, Document.class, COLLECTION);
        if (existing == null) {
            return claimAgain(id, userId, at, registerBy);
        }
        UserId holder = new UserId(existing.getString(USER_ID));
        boolean confirmed = !Boolean.FALSE.equals(existing.getBoolean(CONFIRMED));
        if (!confirmed) {
            Date deadline = existing.getDate(REGISTER_BY);
            if (deadline != null && at.isBefore(deadline.toInstant().plus(registrationTimeout))) {
                throw taken();
            }
        }
        AccountState state = accountState(holder);
        if (state == AccountState.LIVE) {
            if (!confirmed) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(USER_ID).is(holder.value())),
                        Update.update(CONFIRMED, true), COLLECTION);
            }
            throw taken();
        }
        Query stillHeld = Query.query(Criteria.where("_id").is(id).and(USER_ID).is(holder.value()));
        Update replace = Update.update(USER_ID, userId.value()).set("claimedAt", Date.from(at))
                .set(REGISTER_BY, Date.from(registerBy)).set(CONFIRMED, false);
        if (mongo.updateFirst(stillHeld, replace, COLLECTION).getModifiedCount() != 1) {
            throw taken();
        }
        return new Claim(registerBy, state == AccountState.NEVER_RECORDED ? Optional.of(holder) : Optional.empty());
    }

    private Claim claimAgain(String id, UserId userId, Instant at, Instant registerBy) {
        try {
            mongo.insert(claimDocument(id, userId, at, registerBy), COLLECTION);
            return new Claim(registerBy, Optional.empty());
        } catch (DuplicateKeyException taken) {
            throw taken();
        }
    }

    private enum AccountState { LIVE, DELETED, NEVER_RECORDED }

    private AccountState accountState(UserId holder) {
        DomainEventStream stream = events.readEvents(holder.value());
        if (!stream.hasNext()) {
            return AccountState.NEVER_RECORDED;
        }
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (UserDeletedEvent.class.equals(event.getPayloadType())) {
                return AccountState.DELETED;
            }
        }
        return AccountState.LIVE;
    }

    private static Document claimDocument(String id, UserId userId, Instant at, Instant registerBy) {
        return new Document("_id", id).append(USER_ID, userId.value()).append("claimedAt", Date.from(at))
                .append(REGISTER_BY, Date.from(registerBy)).append(CONFIRMED, false);
    }

    private static DomainException taken() {
        return new DomainException(ErrorCode.EMAIL_TAKEN, "An account with this e-mail already exists");
    }
}
