package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ToggleFavoriteModelCommand(@TargetAggregateIdentifier UserId userId, String modelId,
                                         Instant toggledAt) {

    public ToggleFavoriteModelCommand {
        Require.present(userId, "userId");
        Require.text(modelId, "modelId");
        Require.present(toggledAt, "toggledAt");
    }
}
