package com.aipasta.prompt.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PromptGenerationRatedEvent(PromptGenerationId generationId, UserId ownerId, int rating,
                                         Instant ratedAt) implements PromptGenerationEvent {
}
