package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One refund of an order, by {@code orderId:refundId}. */
@Document(RefundFact.COLLECTION)
public record RefundFact(@Id String id, String orderId, String planId, String currency, long amount, long tokens,
                         @Indexed Instant refundedAt) {

    public static final String COLLECTION = "analytics_refunds";
}
