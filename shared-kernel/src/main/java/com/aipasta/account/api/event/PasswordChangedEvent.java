package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Tokens that carry an older {@code credentialsVersion} stop working once this is projected. */
@Revision("1")
public record PasswordChangedEvent(@DataSubject UserId userId, @PersonalData String passwordHash,
                                   int credentialsVersion, Instant changedAt)
        implements UserAccountEvent {
}
