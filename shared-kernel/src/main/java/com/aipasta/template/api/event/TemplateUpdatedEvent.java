package com.aipasta.template.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TemplateUpdatedEvent(TemplateId templateId, @DataSubject UserId ownerId, TemplateContent content,
                                   Instant updatedAt) implements TemplateEvent {
}
