package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeleteMessageCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                   String messageId, Instant deletedAt) {

    public DeleteMessageCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.present(deletedAt, "deletedAt");
    }
}
