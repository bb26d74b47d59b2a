package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Tokens that carry an older {@code credentialsVersion} stop working once this is projected. */
@Revision("1")
public record PasswordChangedEvent(UserId userId, String passwordHash, int credentialsVersion, Instant changedAt)
        implements UserAccountEvent {
}
