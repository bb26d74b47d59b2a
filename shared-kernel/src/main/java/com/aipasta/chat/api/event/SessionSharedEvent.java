package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The session as it stands at this event (its earlier events) is shown to anyone holding {@code shareId}. */
@Revision("1")
public record SessionSharedEvent(SessionId sessionId, @DataSubject UserId ownerId, String shareId,
                                 @PersonalData String displayName, Instant sharedAt) implements ChatSessionEvent {
}
