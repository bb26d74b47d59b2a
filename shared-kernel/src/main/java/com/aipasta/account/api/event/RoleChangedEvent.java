package com.aipasta.account.api.event;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record RoleChangedEvent(UserId userId, Role role, Role previousRole, UserId changedBy, Instant changedAt)
        implements UserAccountEvent {
}
