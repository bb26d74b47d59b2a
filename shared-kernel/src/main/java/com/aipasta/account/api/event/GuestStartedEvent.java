package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A guest account: usable until {@code expiresAt}, and registered later under the same id if its guest wishes. */
@Revision("1")
public record GuestStartedEvent(UserId userId, int messageLimit, Instant startedAt, Instant expiresAt)
        implements UserAccountEvent {
}
