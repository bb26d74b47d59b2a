package com.aipasta.account.api.event;

import com.aipasta.account.api.value.Preferences;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The whole profile after a change; {@code bio} and {@code avatarUrl} may be null. */
@Revision("1")
public record ProfileUpdatedEvent(@DataSubject UserId userId,
                                  @PersonalData(erasedAs = "Deleted user") String name, @PersonalData String bio,
                                  @PersonalData String avatarUrl, Preferences preferences, Instant updatedAt)
        implements UserAccountEvent {
}
