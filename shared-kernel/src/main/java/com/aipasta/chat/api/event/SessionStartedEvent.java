package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SessionStartedEvent(SessionId sessionId, @DataSubject UserId ownerId, @PersonalData String title,
                                  @PersonalData String systemInstruction, String modelId, Instant startedAt)
        implements ChatSessionEvent {
}
