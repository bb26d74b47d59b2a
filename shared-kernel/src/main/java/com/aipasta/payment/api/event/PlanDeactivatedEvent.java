package com.aipasta.payment.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PlanDeactivatedEvent(String planId, String deactivatedBy, Instant deactivatedAt) implements PlanEvent {
}
