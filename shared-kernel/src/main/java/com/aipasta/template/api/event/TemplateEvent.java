package com.aipasta.template.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.template.api.value.TemplateId;

public sealed interface TemplateEvent permits TemplateCreatedEvent, TemplateUpdatedEvent, TemplateDeletedEvent,
        TemplateUsedEvent, TemplateHiddenEvent, TemplateUnhiddenEvent {

    TemplateId templateId();

    UserId ownerId();
}
