package com.aipasta.payment.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record OrderFailedEvent(String orderId, String paymentId, String reason, Instant failedAt)
        implements OrderEvent {
}
