package com.aipasta.projections.payment;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(OrderDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "user_newest", def = "{'userId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "newest", def = "{'createdAt': -1}")
})
public record OrderDocument(@Id String id, String userId, String planId, long tokens, long amount, String currency,
                            String status, String paymentId, Instant createdAt, Instant updatedAt) {

    public static final String COLLECTION = "orders";
}
