package com.aipasta.projections.payment;

import com.aipasta.payment.api.event.PlanChangedEvent;
import com.aipasta.payment.api.event.PlanCreatedEvent;
import com.aipasta.payment.api.event.PlanDeactivatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The plan catalogue; every event carries the whole plan or one flag, so a redelivery writes the same values. */
@Component
@ProcessingGroup(PlanProjection.NAME)
public class PlanProjection {

    public static final String NAME = "plans";

    private final MongoTemplate mongo;

    public PlanProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PlanCreatedEvent event) {
        mongo.save(new PlanDocument(event.planId(), event.name(), event.description(), event.tokens(), event.amount(),
                event.currency(), event.planUpgrade(), event.validityDays(), true));
    }

    @EventHandler
    void on(PlanChangedEvent event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.planId())), new Update()
                        .set("name", event.name()).set("description", event.description())
                        .set("tokens", event.tokens()).set("amount", event.amount())
                        .set("currency", event.currency()).set("planUpgrade", event.planUpgrade())
                        .set("validityDays", event.validityDays()),
                PlanDocument.class);
    }

    @EventHandler
    void on(PlanDeactivatedEvent event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.planId())), new Update().set("active", false),
                PlanDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), PlanDocument.class);
    }
}
