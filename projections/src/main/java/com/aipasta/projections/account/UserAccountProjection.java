package com.aipasta.projections.account;

import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** User profiles and the credentials authentication checks. */
@Component
@ProcessingGroup(UserAccountProjection.NAME)
public class UserAccountProjection {

    public static final String NAME = "user-accounts";
    public static final String FREE_PLAN = "free";

    private final MongoTemplate mongo;

    public UserAccountProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        String id = event.userId().value();
        mongo.save(new CredentialsDocument(id, event.passwordHash(), event.role(), true, 0, sequence));
        mongo.save(new UserDocument(id, event.email(), event.name(), event.role(), FREE_PLAN, null, true,
                event.registeredAt(), sequence));
    }

    @EventHandler
    void on(PasswordChangedEvent event, @SequenceNumber long sequence) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.userId().value())
                        .and("lastSequence").lt(sequence)),
                new Update().set("passwordHash", event.passwordHash())
                        .set("credentialsVersion", event.credentialsVersion())
                        .set("lastSequence", sequence),
                CredentialsDocument.class);
    }

    @EventHandler
    void on(SubscriptionUpgradedEvent event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.userId().value())),
                new Update().set("plan", event.plan()).set("planValidUntil", event.validUntil()), UserDocument.class);
    }

    @EventHandler
    void on(SubscriptionExpiredEvent event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.userId().value())),
                new Update().set("plan", FREE_PLAN).unset("planValidUntil"), UserDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), CredentialsDocument.class);
        mongo.remove(new Query(), UserDocument.class);
    }
}
