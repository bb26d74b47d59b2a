package com.aipasta.prompt.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.Require;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

public record RecordGeneratedPromptCommand(@TargetAggregateIdentifier PromptGenerationId generationId,
                                           UserId ownerId, String input, String prompt, PromptCategory category,
                                           List<String> improvements, ModelRef model, TokenCount usage,
                                           Instant generatedAt) {

    public RecordGeneratedPromptCommand {
        Require.present(generationId, "generationId");
        Require.present(ownerId, "ownerId");
        Require.text(input, "input");
        Require.text(prompt, "prompt");
        Require.present(category, "category");
        improvements = List.copyOf(Require.present(improvements, "improvements"));
        Require.present(model, "model");
        Require.present(usage, "usage");
        Require.present(generatedAt, "generatedAt");
    }
}
