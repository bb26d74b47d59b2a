package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.SessionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The owner asked to stop an answer still being generated; the node generating it stops it and records the end. */
@Revision("1")
public record AnswerStopRequestedEvent(SessionId sessionId, String messageId, Instant requestedAt)
        implements ChatSessionEvent {
}
