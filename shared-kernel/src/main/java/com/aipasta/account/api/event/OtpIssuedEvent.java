package com.aipasta.account.api.event;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A code was sent for {@code purpose}; the event holds only its keyed hash, never the code. */
@Revision("1")
public record OtpIssuedEvent(UserId userId, OtpPurpose purpose, String otpHash, Instant issuedAt, Instant expiresAt)
        implements UserAccountEvent {
}
