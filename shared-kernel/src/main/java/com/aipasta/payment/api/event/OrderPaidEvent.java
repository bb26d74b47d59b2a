package com.aipasta.payment.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Recorded once per order, whichever proof of payment came first; its tokens are then credited. */
@Revision("1")
public record OrderPaidEvent(String orderId, UserId ownerId, String paymentId, long tokens, String planUpgrade,
                             Integer validityDays, String source, Instant paidAt) implements OrderEvent {
}
