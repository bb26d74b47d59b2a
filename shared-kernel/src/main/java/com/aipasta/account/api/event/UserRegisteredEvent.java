package com.aipasta.account.api.event;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record UserRegisteredEvent(@DataSubject UserId userId, @PersonalData String email,
                                  @PersonalData(erasedAs = "Deleted user") String name,
                                  @PersonalData String passwordHash, Role role, Instant registeredAt)
        implements UserAccountEvent {
}
