package com.aipasta.payment.api.query;

import java.time.Instant;

/** An order and its state: {@code created}, {@code paid}, {@code failed} or {@code discrepancy}. */
public record OrderView(String orderId, String userId, String planId, long tokens, long amount, String currency,
                        String status, String paymentId, Instant createdAt, Instant updatedAt) {
}
