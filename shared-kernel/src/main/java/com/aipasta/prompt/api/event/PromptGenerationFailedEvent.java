package com.aipasta.prompt.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PromptGenerationFailedEvent(PromptGenerationId generationId, @DataSubject UserId ownerId,
                                          @PersonalData String input, ModelRef model, String errorCode,
                                          TokenCount usage, Instant failedAt) implements PromptGenerationEvent {
}
