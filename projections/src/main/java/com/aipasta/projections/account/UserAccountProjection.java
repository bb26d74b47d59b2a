package com.aipasta.projections.account;

import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.ProfileUpdatedEvent;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.UserAccountEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserReactivatedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * User profiles and the credentials authentication checks. Each document records the sequence number of the last
 * event it shows, so a redelivered event changes nothing and a command endpoint can wait for its own change.
 */
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
        mongo.save(new UserDocument(id, event.email(), event.name(), event.role(), FREE_PLAN, null, null, true, false,
                event.registeredAt(), event.registeredAt(), sequence));
    }

    /** A guest has no credentials: nobody can log in as one, only use its token. */
    @EventHandler
    void on(GuestStartedEvent event, @SequenceNumber long sequence) {
        mongo.save(new UserDocument(event.userId().value(), null, UserSummary.GUEST_NAME, Role.GUEST, FREE_PLAN, null,
                null, true, false, event.startedAt(), event.startedAt(), sequence));
    }

    @EventHandler
    void on(ProfileUpdatedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update());
        updateUser(event.userId(), sequence, event.updatedAt(), new Update().set("name", event.name()));
    }

    @EventHandler
    void on(PasswordChangedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update().set("passwordHash", event.passwordHash())
                .set("credentialsVersion", event.credentialsVersion()));
        updateUser(event.userId(), sequence, event.changedAt(), new Update());
    }

    @EventHandler
    void on(SubscriptionUpgradedEvent event, @SequenceNumber long sequence) {
        updateUser(event.userId(), sequence, event.upgradedAt(),
                new Update().set("plan", event.plan()).set("planValidUntil", event.validUntil()));
    }

    @EventHandler
    void on(SubscriptionExpiredEvent event, @SequenceNumber long sequence) {
        updateUser(event.userId(), sequence, event.expiredAt(), new Update().set("plan", FREE_PLAN)
                .unset("planValidUntil"));
    }

    @EventHandler
    void on(PlanAssignedEvent event, @SequenceNumber long sequence) {
        updateUser(event.userId(), sequence, event.assignedAt(),
                new Update().set("plan", event.plan()).set("planValidUntil", event.validUntil()));
    }

    @EventHandler
    void on(RoleChangedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update().set("role", event.role()));
        updateUser(event.userId(), sequence, event.changedAt(), new Update().set("role", event.role()));
    }

    @EventHandler
    void on(DailyLimitChangedEvent event, @SequenceNumber long sequence) {
        updateUser(event.userId(), sequence, event.changedAt(),
                new Update().set("dailyRequestLimit", event.dailyRequestLimit()));
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update().set("active", false));
        updateUser(event.userId(), sequence, event.deactivatedAt(), new Update().set("active", false));
    }

    @EventHandler
    void on(UserReactivatedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update().set("active", true));
        updateUser(event.userId(), sequence, event.reactivatedAt(), new Update().set("active", true));
    }

    /** What stays of a deleted account is what analytics and administrators need: no address, no name, no hash. */
    @EventHandler
    void on(UserDeletedEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update().set("active", false).unset("passwordHash"));
        updateUser(event.userId(), sequence, event.deletedAt(), new Update().set("active", false).set("deleted", true)
                .unset("email").set("name", UserSummary.DELETED_NAME));
    }

    /**
     * Any other event of the account (a logout, a code sent, a Google account linked) changes neither document but
     * moves their sequence, so an endpoint waiting for the account's version (an administrator's change that changed
     * nothing answers with it) is not kept waiting for an event shown nowhere.
     */
    @EventHandler
    void on(UserAccountEvent event, @SequenceNumber long sequence) {
        updateCredentials(event.userId(), sequence, new Update());
        mongo.updateFirst(newerThanStored(event.userId(), sequence), new Update().set("lastSequence", sequence),
                UserDocument.class);
    }

    private void updateCredentials(UserId userId, long sequence, Update update) {
        mongo.updateFirst(newerThanStored(userId, sequence), update.set("lastSequence", sequence),
                CredentialsDocument.class);
    }

    /** Written after the credentials, so a user read at a sequence never has credentials older than it. */
    private void updateUser(UserId userId, long sequence, Instant at, Update update) {
        mongo.updateFirst(newerThanStored(userId, sequence),
                update.set("lastSequence", sequence).set("lastActionAt", at), UserDocument.class);
    }

    private static Query newerThanStored(UserId userId, long sequence) {
        return Query.query(Criteria.where("_id").is(userId.value()).and("lastSequence").lt(sequence));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), CredentialsDocument.class);
        mongo.remove(new Query(), UserDocument.class);
    }
}
