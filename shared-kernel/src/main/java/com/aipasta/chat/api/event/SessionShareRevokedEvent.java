package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SessionShareRevokedEvent(SessionId sessionId, UserId ownerId, String shareId, Instant revokedAt)
        implements ChatSessionEvent {
}
