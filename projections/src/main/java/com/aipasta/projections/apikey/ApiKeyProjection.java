package com.aipasta.projections.apikey;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.apikey.api.event.ApiKeyCreatedEvent;
import com.aipasta.apikey.api.event.ApiKeyRevokedEvent;
import com.aipasta.apikey.api.event.ApiKeyUsedEvent;
import com.aipasta.apikey.api.value.ApiKeyId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The API keys of each user, moved only forward by each key's sequence number. */
@Component
@ProcessingGroup(ApiKeyProjection.NAME)
public class ApiKeyProjection {

    public static final String NAME = "api-keys";

    private final MongoTemplate mongo;

    public ApiKeyProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ApiKeyCreatedEvent event, @SequenceNumber long sequence) {
        mongo.save(new ApiKeyDocument(event.keyId().value(), event.ownerId().value(), event.name(), event.prefix(),
                event.scopes(), event.createdAt(), event.expiresAt(), null, false, null, sequence));
    }

    @EventHandler
    void on(ApiKeyUsedEvent event, @SequenceNumber long sequence) {
        update(event.keyId(), sequence, new Update().set("lastUsedAt", event.usedAt()));
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @SequenceNumber long sequence) {
        update(event.keyId(), sequence, new Update().set("revoked", true).set("revokedAt", event.revokedAt()));
    }

    private void update(ApiKeyId keyId, long sequence, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(keyId.value()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), ApiKeyDocument.class);
    }

    /** The account is gone: its keys stop working with it, and their names go. */
    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), ApiKeyDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ApiKeyDocument.class);
    }
}
