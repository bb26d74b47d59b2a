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
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The facts the admin analytics are computed from: signups, finished answers, orders and refunds, one document per
 * fact under its natural id, so a redelivered or replayed event writes the same document again; and their tallies
 * by UTC day and for all time, with the users active each day and ever ({@link AnalyticsTallies}), so that what the
 * analytics add up does not grow with every fact kept. Facts stored before tallies were kept are counted once, before
 * the first event ({@link #countTalliesIfMissing}).
 */
@Component
@ProcessingGroup(AnalyticsProjection.NAME)
public class AnalyticsProjection {

    public static final String NAME = "analytics";

    private final MongoTemplate mongo;
    private boolean tallied;

    public AnalyticsProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        tallies().signedUp(new SignupFact(event.userId().value(), event.registeredAt()));
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event) {
        tallies().answered(new AnswerFact(event.messageId(), event.ownerId().value(), event.model().modelId(),
                event.model().provider(), true, event.usage().totalTokens(), event.completedAt()));
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event) {
        tallies().answered(new AnswerFact(event.messageId(), event.ownerId().value(), event.model().modelId(),
                event.model().provider(), false, event.usage().totalTokens(), event.failedAt()));
    }

    @EventHandler
    void on(OrderCreatedEvent event) {
        tallies().ordered(new PaymentFact(event.orderId(), event.ownerId().value(), event.planId(), event.currency(),
                event.amount(), event.tokens(), event.createdAt(), null));
    }

    @EventHandler
    void on(OrderPaidEvent event) {
        tallies().paid(event.orderId(), event.paidAt());
    }

    @EventHandler
    void on(OrderRefundedEvent event) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.flush();
        PaymentFact order = mongo.findById(event.orderId(), PaymentFact.class);
        tallies().refunded(new RefundFact(event.orderId() + ":" + event.refundId(), event.orderId(),
                order == null ? null : order.planId(), order == null ? null : order.currency(), event.amount(),
                event.tokens(), event.refundedAt()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), SignupFact.class);
        mongo.remove(new Query(), AnswerFact.class);
        mongo.remove(new Query(), PaymentFact.class);
        mongo.remove(new Query(), RefundFact.class);
        mongo.remove(new Query(), AnalyticsTallyDocument.class);
        mongo.remove(new Query(), ActiveUserDocument.class);
    }

    /**
     * Counts the tallies of the facts stored before tallies were kept, once, before this projection handles its first
     * event here, or at start-up on the node that runs it.
     */
    public synchronized void countTalliesIfMissing() {
        if (!tallied) {
            if (!mongo.exists(new Query(), AnalyticsTallyDocument.class) && factsStored()) {
                AnalyticsTallies.countAll(mongo);
            }
            tallied = true;
        }
    }

    private boolean factsStored() {
        return mongo.exists(new Query(), SignupFact.class) || mongo.exists(new Query(), AnswerFact.class)
                || mongo.exists(new Query(), PaymentFact.class) || mongo.exists(new Query(), RefundFact.class);
    }

    private AnalyticsTallies tallies() {
        countTalliesIfMissing();
        return AnalyticsTallies.of(ReadModelBatch.current(mongo), mongo);
    }
}
