package com.aipasta.payment.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A refund of {@code amount}, worth {@code tokens} of the order's tokens in proportion. */
@Revision("1")
public record OrderRefundedEvent(String orderId, UserId ownerId, String refundId, long amount, long tokens,
                                 Instant refundedAt) implements OrderEvent {
}
