package com.aipasta.template.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TemplateHiddenEvent(TemplateId templateId, UserId ownerId, UserId hiddenBy, String reason,
                                  Instant hiddenAt) implements TemplateEvent {
}
