package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SessionRenamedEvent(SessionId sessionId, @PersonalData String title, Instant renamedAt)
        implements ChatSessionEvent {
}
