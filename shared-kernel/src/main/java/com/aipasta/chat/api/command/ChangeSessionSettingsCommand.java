package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code modelId} or {@code options} left null stays as the session has it. */
public record ChangeSessionSettingsCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                           String modelId, GenerationOptions options, Instant changedAt) {

    public ChangeSessionSettingsCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.present(changedAt, "changedAt");
    }
}
