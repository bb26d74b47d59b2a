package com.aipasta.projections.account;

import com.aipasta.account.api.event.FavoriteModelToggledEvent;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.ProfileUpdatedEvent;
import com.aipasta.account.api.event.UserAccountEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Preferences;
import com.aipasta.account.api.value.UserId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;

/** Profiles, preferences and favorite models; a deleted account's profile is removed. */
@Component
@ProcessingGroup(ProfileProjection.NAME)
public class ProfileProjection {

    public static final String NAME = "user-profiles";

    private final MongoTemplate mongo;

    public ProfileProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(GuestStartedEvent event, @SequenceNumber long sequence) {
        mongo.save(new ProfileDocument(event.userId().value(), null, UserSummary.GUEST_NAME, null, null,
                Preferences.DEFAULTS, List.of(), sequence));
    }

    /**
     * A guest who registers keeps the preferences and favorites chosen as a guest. Most registrations are of no guest,
     * so the profile is inserted, one write, and updated only when it is there already (a guest's, or this event's
     * handled before).
     */
    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        try {
            mongo.insert(new ProfileDocument(event.userId().value(), event.email(), event.name(), null, null,
                    Preferences.DEFAULTS, List.of(), sequence));
        } catch (DuplicateKeyException stored) {
            update(event.userId(), sequence, new Update().set("email", event.email()).set("name", event.name()));
        }
    }

    @EventHandler
    void on(ProfileUpdatedEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, new Update().set("name", event.name()).set("bio", event.bio())
                .set("avatarUrl", event.avatarUrl()).set("preferences", event.preferences()));
    }

    @EventHandler
    void on(FavoriteModelToggledEvent event, @SequenceNumber long sequence) {
        Update update = new Update();
        if (event.favorite()) {
            update.addToSet("favoriteModels", event.modelId());
        } else {
            update.pull("favoriteModels", event.modelId());
        }
        update(event.userId(), sequence, update);
    }

    /**
     * Any other event of the account leaves the profile as it is but moves its sequence, so an endpoint waiting for
     * the account's version (an unchanged profile answers with it) is not kept waiting for an event shown nowhere.
     */
    @EventHandler
    void on(UserAccountEvent event, @SequenceNumber long sequence) {
        update(event.userId(), sequence, new Update());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("_id").is(event.userId().value())), ProfileDocument.class);
    }

    private void update(UserId userId, long sequence, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(userId.value()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), ProfileDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ProfileDocument.class);
    }
}
