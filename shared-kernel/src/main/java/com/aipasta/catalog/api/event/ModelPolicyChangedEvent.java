package com.aipasta.catalog.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The whole policy after the change; a null {@code requiredPlan} leaves the catalogue's own. */
@Revision("1")
public record ModelPolicyChangedEvent(String modelId, boolean enabled, String requiredPlan, UserId changedBy,
                                      Instant changedAt) implements ModelPolicyEvent {
}
