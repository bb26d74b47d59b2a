package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account's owner proved they receive its e-mail: by a code sent there, or by a Google sign-in. */
@Revision("1")
public record EmailVerifiedEvent(UserId userId, Instant verifiedAt) implements UserAccountEvent {
}
