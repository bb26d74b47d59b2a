package com.aipasta.account.api.event;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A wrong code for {@code purpose}, the {@code failedAttempts}-th in a row; when it was the last one allowed,
 * {@code lockedUntil} says until when no code of the purpose is issued or accepted, and the pending code is void.
 */
@Revision("1")
public record OtpAttemptFailedEvent(UserId userId, OtpPurpose purpose, int failedAttempts, Instant lockedUntil,
                                    Instant failedAt) implements UserAccountEvent {
}
