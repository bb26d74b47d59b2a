package com.aipasta.payment.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PlanCreatedEvent(String planId, String name, String description, long tokens, long amount,
                               String currency, String planUpgrade, Integer validityDays, String createdBy,
                               Instant createdAt) implements PlanEvent {
}
