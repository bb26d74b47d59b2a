package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The user's tokens stop working as soon as this is projected, and logging in is refused. */
@Revision("1")
public record UserDeactivatedEvent(@DataSubject UserId userId, @PersonalData String reason,
                                   UserId deactivatedBy, Instant deactivatedAt)
        implements UserAccountEvent {
}
