package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account is closed for good: it can no longer log in and its e-mail address can register again. */
@Revision("1")
public record UserDeletedEvent(UserId userId, UserId deletedBy, Instant deletedAt) implements UserAccountEvent {
}
