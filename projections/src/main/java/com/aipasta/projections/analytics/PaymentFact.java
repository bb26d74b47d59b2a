package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** An order; {@code paidAt} is null until it is paid. Amounts are in the currency's smallest unit. */
@Document(PaymentFact.COLLECTION)
public record PaymentFact(@Id String orderId, String userId, String planId, String currency, long amount,
                          long tokens, Instant createdAt, @Indexed Instant paidAt) {

    public static final String COLLECTION = "analytics_payments";
}
