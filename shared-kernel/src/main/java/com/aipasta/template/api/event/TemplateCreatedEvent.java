package com.aipasta.template.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code sourceGenerationId} is the prompt generation the template was saved from, null for most. */
@Revision("1")
public record TemplateCreatedEvent(TemplateId templateId, @DataSubject UserId ownerId, TemplateContent content,
                                   String sourceGenerationId, Instant createdAt) implements TemplateEvent {
}
