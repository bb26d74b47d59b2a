package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.SessionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record MessageDeletedEvent(SessionId sessionId, String messageId, Instant deletedAt)
        implements ChatSessionEvent {
}
