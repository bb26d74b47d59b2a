package com.aipasta.projections.analytics;

import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.projections.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The facts the admin analytics are computed from: signups, finished answers, orders and refunds, one document per
 * fact under its natural id, so a redelivered or replayed event writes the same document again. Counting and
 * bucketing happen when the analytics are read.
 */
@Component
@ProcessingGroup(AnalyticsProjection.NAME)
public class AnalyticsProjection {

    public static final String NAME = "analytics";

    private final MongoTemplate mongo;

    public AnalyticsProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        ReadModelBatch.current(mongo).save(new SignupFact(event.userId().value(), event.registeredAt()));
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event) {
        ReadModelBatch.current(mongo).save(new AnswerFact(event.messageId(), event.ownerId().value(),
                event.model().modelId(), event.model().provider(), true, event.usage().totalTokens(),
                event.completedAt()));
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event) {
        ReadModelBatch.current(mongo).save(new AnswerFact(event.messageId(), event.ownerId().value(),
                event.model().modelId(), event.model().provider(), false, event.usage().totalTokens(),
                event.failedAt()));
    }

    @EventHandler
    void on(OrderCreatedEvent event) {
        ReadModelBatch.current(mongo).upsert(PaymentFact.class, byId(event.orderId()), new Update()
                        .set("userId", event.ownerId().value())
                        .set("planId", event.planId())
                        .set("currency", event.currency())
                        .set("amount", event.amount())
                        .set("tokens", event.tokens())
                        .set("createdAt", event.createdAt()));
    }

    @EventHandler
    void on(OrderPaidEvent event) {
        ReadModelBatch.current(mongo).updateFirst(PaymentFact.class, byId(event.orderId()),
                new Update().set("paidAt", event.paidAt()));
    }

    @EventHandler
    void on(OrderRefundedEvent event) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.flush();
        PaymentFact order = mongo.findById(event.orderId(), PaymentFact.class);
        batch.save(new RefundFact(event.orderId() + ":" + event.refundId(), event.orderId(),
                order == null ? null : order.planId(), order == null ? null : order.currency(), event.amount(),
                event.tokens(), event.refundedAt()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), SignupFact.class);
        mongo.remove(new Query(), AnswerFact.class);
        mongo.remove(new Query(), PaymentFact.class);
        mongo.remove(new Query(), RefundFact.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
