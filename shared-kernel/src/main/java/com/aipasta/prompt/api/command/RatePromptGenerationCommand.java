package com.aipasta.prompt.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.Require;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/** The owner rates a generated prompt from 1 to 5; a new rating replaces the last. */
public record RatePromptGenerationCommand(@TargetAggregateIdentifier PromptGenerationId generationId,
                                          UserId ownerId, int rating, Instant ratedAt) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    public RatePromptGenerationCommand {
        Require.present(generationId, "generationId");
        Require.present(ownerId, "ownerId");
        if (rating < LOWEST || rating > HIGHEST) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "rating must be between 1 and 5",
                    Map.of("rating", "must be between 1 and 5"));
        }
        Require.present(ratedAt, "ratedAt");
    }
}
