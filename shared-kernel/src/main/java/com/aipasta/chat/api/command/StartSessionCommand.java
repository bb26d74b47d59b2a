package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Starts a session; its system instruction (may be null) is fixed for the session's life. {@code templateId} (may be
 * null) is the template it was composed from.
 */
public record StartSessionCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId, String title,
                                  String systemInstruction, String modelId, Instant startedAt, String templateId) {

    public StartSessionCommand(SessionId sessionId, UserId ownerId, String title, String systemInstruction,
                               String modelId, Instant startedAt) {
        this(sessionId, ownerId, title, systemInstruction, modelId, startedAt, null);
    }

    public StartSessionCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(title, "title");
        Require.present(startedAt, "startedAt");
    }
}
