package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A token given up by logout; nothing needs to remember it after {@code expiresAt}. */
@Revision("1")
public record TokenRevokedEvent(UserId userId, String tokenId, Instant expiresAt, Instant revokedAt)
        implements UserAccountEvent {
}
