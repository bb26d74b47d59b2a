package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * {@code templateId} is the template the system instruction was composed from (null for none, and before
 * revision 2).
 */
@Revision("2")
public record SessionStartedEvent(SessionId sessionId, @DataSubject UserId ownerId, @PersonalData String title,
                                  @PersonalData String systemInstruction, String modelId, Instant startedAt,
                                  String templateId)
        implements ChatSessionEvent {

    public SessionStartedEvent(SessionId sessionId, UserId ownerId, String title, String systemInstruction,
                               String modelId, Instant startedAt) {
        this(sessionId, ownerId, title, systemInstruction, modelId, startedAt, null);
    }
}
