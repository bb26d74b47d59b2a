package com.aipasta.payment.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A proof of payment that does not match the order (amount or currency); nothing is credited for it. */
@Revision("1")
public record PaymentDiscrepancyEvent(String orderId, String paymentId, Long amount, String currency, String source,
                                      Instant recordedAt) implements OrderEvent {
}
