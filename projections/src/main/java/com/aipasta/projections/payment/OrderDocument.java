package com.aipasta.projections.payment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(OrderDocument.COLLECTION)
public record OrderDocument(@Id String id, String userId, String planId, long tokens, long amount, String currency,
                            String status, String paymentId, Instant createdAt, Instant updatedAt) {

    public static final String COLLECTION = "orders";
}
