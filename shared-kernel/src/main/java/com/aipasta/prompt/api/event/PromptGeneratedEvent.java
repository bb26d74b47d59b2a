package com.aipasta.prompt.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record PromptGeneratedEvent(PromptGenerationId generationId, @DataSubject UserId ownerId,
                                   @PersonalData String input, @PersonalData String prompt, PromptCategory category,
                                   @PersonalData List<String> improvements, ModelRef model, TokenCount usage,
                                   Instant generatedAt) implements PromptGenerationEvent {
}
