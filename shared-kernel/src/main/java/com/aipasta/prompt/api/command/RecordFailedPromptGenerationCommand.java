package com.aipasta.prompt.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.Require;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The model could not be reached, or its answer was not in the format asked for; {@code usage} was paid. */
public record RecordFailedPromptGenerationCommand(@TargetAggregateIdentifier PromptGenerationId generationId,
                                                  UserId ownerId, String input, ModelRef model, String errorCode,
                                                  TokenCount usage, Instant failedAt) {

    public RecordFailedPromptGenerationCommand {
        Require.present(generationId, "generationId");
        Require.present(ownerId, "ownerId");
        Require.text(input, "input");
        Require.present(model, "model");
        Require.text(errorCode, "errorCode");
        Require.present(usage, "usage");
        Require.present(failedAt, "failedAt");
    }
}
