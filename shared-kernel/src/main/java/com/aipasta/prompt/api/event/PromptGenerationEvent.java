package com.aipasta.prompt.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.prompt.api.value.PromptGenerationId;

public sealed interface PromptGenerationEvent permits PromptGeneratedEvent, PromptGenerationFailedEvent,
        PromptGenerationRatedEvent {

    PromptGenerationId generationId();

    UserId ownerId();
}
