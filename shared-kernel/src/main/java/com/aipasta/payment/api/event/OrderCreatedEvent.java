package com.aipasta.payment.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record OrderCreatedEvent(String orderId, UserId ownerId, String planId, long tokens, long amount,
                                String currency, String planUpgrade, Integer validityDays,
                                Instant createdAt) implements OrderEvent {
}
