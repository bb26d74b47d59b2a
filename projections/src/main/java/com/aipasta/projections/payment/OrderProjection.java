package com.aipasta.projections.payment;

import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderFailedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.payment.api.event.PaymentDiscrepancyEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Orders and their states for the payment histories; each event sets values, so a redelivery changes nothing. */
@Component
@ProcessingGroup(OrderProjection.NAME)
public class OrderProjection {

    public static final String NAME = "orders";

    private final MongoTemplate mongo;

    public OrderProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrderCreatedEvent event) {
        mongo.save(new OrderDocument(event.orderId(), event.ownerId().value(), event.planId(), event.tokens(),
                event.amount(), event.currency(), "created", null, event.createdAt(), event.createdAt()));
    }

    @EventHandler
    void on(OrderPaidEvent event) {
        state(event.orderId(), "paid", event.paymentId(), event.paidAt());
    }

    @EventHandler
    void on(OrderFailedEvent event) {
        state(event.orderId(), "failed", event.paymentId(), event.failedAt());
    }

    @EventHandler
    void on(OrderRefundedEvent event) {
        state(event.orderId(), "refunded", null, event.refundedAt());
    }

    @EventHandler
    void on(PaymentDiscrepancyEvent event) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event.orderId()).and("status").ne("paid")),
                new Update().set("status", "discrepancy").set("paymentId", event.paymentId())
                        .set("updatedAt", event.recordedAt()), OrderDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), OrderDocument.class);
    }

    private void state(String orderId, String status, String paymentId, Instant at) {
        Update update = new Update().set("status", status).set("updatedAt", at);
        if (paymentId != null) {
            update.set("paymentId", paymentId);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(orderId)), update, OrderDocument.class);
    }
}
