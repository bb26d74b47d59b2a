package com.aipasta.projections.template;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.template.api.event.TemplateCreatedEvent;
import com.aipasta.template.api.event.TemplateDeletedEvent;
import com.aipasta.template.api.event.TemplateHiddenEvent;
import com.aipasta.template.api.event.TemplateUnhiddenEvent;
import com.aipasta.template.api.event.TemplateUpdatedEvent;
import com.aipasta.template.api.event.TemplateUsedEvent;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Templates and their use counts, each moved only forward by the template's sequence number, so a redelivered use is
 * not counted twice. A deleted template, and every template of a deleted account, leaves the read model.
 */
@Component
@ProcessingGroup(TemplateProjection.NAME)
public class TemplateProjection {

    public static final String NAME = "templates";

    private final MongoTemplate mongo;

    public TemplateProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(TemplateCreatedEvent event, @SequenceNumber long sequence) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(event.templateId().value())), TemplateDocument.class)) {
            return;
        }
        TemplateContent content = event.content();
        mongo.save(new TemplateDocument(event.templateId().value(), event.ownerId().value(), content.name(),
                content.description(), content.persona(), content.context(), content.instruction(), content.format(),
                content.tone(), content.inputData(), content.thinkingPoints(), content.warnings(), content.askMe(),
                content.publicTemplate(), content.tags(), false, content.publicTemplate(), 0, event.createdAt(),
                event.createdAt(), sequence));
    }

    @EventHandler
    void on(TemplateUpdatedEvent event, @SequenceNumber long sequence) {
        TemplateContent content = event.content();
        TemplateDocument current = mongo.findById(event.templateId().value(), TemplateDocument.class);
        boolean hidden = current != null && current.hidden();
        update(event.templateId(), sequence, new Update().set("name", content.name())
                .set("description", content.description()).set("persona", content.persona())
                .set("context", content.context()).set("instruction", content.instruction())
                .set("format", content.format()).set("tone", content.tone()).set("inputData", content.inputData())
                .set("thinkingPoints", content.thinkingPoints()).set("warnings", content.warnings())
                .set("askMe", content.askMe()).set("publicTemplate", content.publicTemplate())
                .set("tags", content.tags()).set("listed", content.publicTemplate() && !hidden)
                .set("updatedAt", event.updatedAt()));
    }

    @EventHandler
    void on(TemplateUsedEvent event, @SequenceNumber long sequence) {
        update(event.templateId(), sequence, new Update().inc("uses", 1));
    }

    @EventHandler
    void on(TemplateHiddenEvent event, @SequenceNumber long sequence) {
        update(event.templateId(), sequence, new Update().set("hidden", true).set("listed", false));
    }

    @EventHandler
    void on(TemplateUnhiddenEvent event, @SequenceNumber long sequence) {
        TemplateDocument current = mongo.findById(event.templateId().value(), TemplateDocument.class);
        update(event.templateId(), sequence, new Update().set("hidden", false)
                .set("listed", current != null && current.publicTemplate()));
    }

    @EventHandler
    void on(TemplateDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("_id").is(event.templateId().value())), TemplateDocument.class);
    }

    /** An account deleted takes its templates, public ones too, out of every list. */
    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), TemplateDocument.class);
    }

    private void update(TemplateId templateId, long sequence, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(templateId.value()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), TemplateDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), TemplateDocument.class);
    }
}
