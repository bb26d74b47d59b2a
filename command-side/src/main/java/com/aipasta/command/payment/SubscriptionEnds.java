package com.aipasta.command.payment;

import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.config.WriteSideState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * When each plan given for a time ends: the state {@link SubscriptionPolicy} decides from, fed by the account events
 * in the write side's state processor and kept in a collection of its own ({@code subscription_ends}), upserted and
 * deleted by user id, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(WriteSideState.PROCESSING_GROUP)
public class SubscriptionEnds {

    static final String COLLECTION = "subscription_ends";
    private static final String ENDS_AT = "endsAt";

    /** The latest instant a stored date holds; a plan said to end later ends then, which is never. */
    private static final Instant LATEST_STORED = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final MongoTemplate mongo;

    public SubscriptionEnds(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on(ENDS_AT, Sort.Direction.ASC));
    }

    @EventHandler
    @DisallowReplay
    void on(SubscriptionUpgradedEvent event) {
        endsAt(event.userId(), event.validUntil());
    }

    @EventHandler
    @DisallowReplay
    void on(PlanAssignedEvent event) {
        endsAt(event.userId(), event.validUntil());
    }

    @EventHandler
    @DisallowReplay
    void on(SubscriptionExpiredEvent event) {
        endsAt(event.userId(), null);
    }

    /** The users whose plan ended at or before {@code now}. */
    List<UserId> endedBy(Instant now) {
        return mongo.find(Query.query(Criteria.where(ENDS_AT).lte(Date.from(now))), Document.class, COLLECTION)
                .stream().map(ended -> new UserId(ended.getString("_id"))).toList();
    }

    private void endsAt(UserId user, Instant end) {
        Query byUser = Query.query(Criteria.where("_id").is(user.value()));
        if (end == null) {
            mongo.remove(byUser, COLLECTION);
        } else {
            mongo.upsert(byUser, new Update().set(ENDS_AT, Date.from(end.isAfter(LATEST_STORED) ? LATEST_STORED : end)),
                    COLLECTION);
        }
    }
}
