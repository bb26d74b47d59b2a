package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account signs in with the Google account {@code googleSubject} (Google's stable user id). */
@Revision("1")
public record GoogleAccountLinkedEvent(@DataSubject UserId userId, @PersonalData String googleSubject,
                                       Instant linkedAt)
        implements UserAccountEvent {
}
