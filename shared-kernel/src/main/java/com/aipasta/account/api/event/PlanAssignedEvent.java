package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PlanAssignedEvent(UserId userId, String plan, Instant validUntil, UserId assignedBy,
                                Instant assignedAt) implements UserAccountEvent {
}
