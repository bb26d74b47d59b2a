package com.aipasta.payment.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The plan as it is after the change, whole. */
@Revision("1")
public record PlanChangedEvent(String planId, String name, String description, long tokens, long amount,
                               String currency, String planUpgrade, Integer validityDays, String changedBy,
                               Instant changedAt) implements PlanEvent {
}
