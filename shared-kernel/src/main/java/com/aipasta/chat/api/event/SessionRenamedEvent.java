package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Revision 2 added {@code ownerId}; revision 1 events read it as null. */
@Revision("2")
public record SessionRenamedEvent(SessionId sessionId, @DataSubject UserId ownerId, @PersonalData String title,
                                  Instant renamedAt)
        implements ChatSessionEvent {
}
