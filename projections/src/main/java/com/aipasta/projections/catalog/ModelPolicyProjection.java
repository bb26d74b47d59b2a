package com.aipasta.projections.catalog;

import com.aipasta.catalog.api.event.ModelPolicyChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(ModelPolicyProjection.NAME)
public class ModelPolicyProjection {

    public static final String NAME = "model-policies";

    private final MongoTemplate mongo;

    public ModelPolicyProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Each event holds the whole policy, so only the newest one seen matters. */
    @EventHandler
    void on(ModelPolicyChangedEvent event, @SequenceNumber long sequence) {
        ModelPolicyDocument stored = mongo.findById(event.modelId(), ModelPolicyDocument.class);
        if (stored == null || stored.lastSequence() < sequence) {
            mongo.save(new ModelPolicyDocument(event.modelId(), event.enabled(), event.requiredPlan(),
                    event.changedBy().value(), event.changedAt(), sequence));
        }
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ModelPolicyDocument.class);
    }
}
