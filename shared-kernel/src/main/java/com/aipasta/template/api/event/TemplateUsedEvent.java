package com.aipasta.template.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code sessionId} is the chat session the use started, null for a use that only composed the prompt. */
@Revision("1")
public record TemplateUsedEvent(TemplateId templateId, UserId ownerId, UserId usedBy, String sessionId,
                                Instant usedAt) implements TemplateEvent {
}
