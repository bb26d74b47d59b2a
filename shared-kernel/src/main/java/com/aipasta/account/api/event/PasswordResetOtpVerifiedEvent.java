package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A right reset code: the reset token hashed here may set a new password once, until {@code resetTokenExpiresAt}. */
@Revision("1")
public record PasswordResetOtpVerifiedEvent(UserId userId, String resetTokenHash, Instant resetTokenExpiresAt,
                                            Instant verifiedAt) implements UserAccountEvent {
}
