package com.aipasta.projections.prompt;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.prompt.api.event.PromptGeneratedEvent;
import com.aipasta.prompt.api.event.PromptGenerationFailedEvent;
import com.aipasta.prompt.api.event.PromptGenerationRatedEvent;
import com.aipasta.template.api.event.TemplateCreatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The prompt generator's history per user, with ratings and the templates saved from each run. Ratings move a run
 * only forward by its sequence number; a template is added to its run's list once. A deleted account's runs go.
 */
@Component
@ProcessingGroup(PromptGenerationProjection.NAME)
public class PromptGenerationProjection {

    public static final String NAME = "prompt-generations";

    private final MongoTemplate mongo;

    public PromptGenerationProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PromptGeneratedEvent event, @SequenceNumber long sequence) {
        mongo.save(new PromptGenerationDocument(event.generationId().value(), event.ownerId().value(), event.input(),
                event.prompt(), event.category().toString(), event.improvements(), event.model().modelId(),
                event.model().provider(), "generated", null, event.usage(), null, List.of(), event.generatedAt(),
                sequence));
    }

    @EventHandler
    void on(PromptGenerationFailedEvent event, @SequenceNumber long sequence) {
        mongo.save(new PromptGenerationDocument(event.generationId().value(), event.ownerId().value(), event.input(),
                null, null, List.of(), event.model().modelId(), event.model().provider(), "failed",
                event.errorCode(), event.usage(), null, List.of(), event.failedAt(), sequence));
    }

    @EventHandler
    void on(PromptGenerationRatedEvent event, @SequenceNumber long sequence) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.generationId().value())
                        .and("lastSequence").lt(sequence)),
                new Update().set("rating", event.rating()).set("lastSequence", sequence),
                PromptGenerationDocument.class);
    }

    @EventHandler
    void on(TemplateCreatedEvent event) {
        if (event.sourceGenerationId() != null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(event.sourceGenerationId())),
                    new Update().addToSet("templateIds", event.templateId().value()),
                    PromptGenerationDocument.class);
        }
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())),
                PromptGenerationDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), PromptGenerationDocument.class);
    }
}
