package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.SessionId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SessionSettingsChangedEvent(SessionId sessionId, String modelId, GenerationOptions options,
                                          Instant changedAt) implements ChatSessionEvent {
}
