package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks whichever node is generating an answer to stop it; an answer that already ended is left as it is. */
public record RequestAnswerStopCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                       String messageId, Instant requestedAt) {

    public RequestAnswerStopCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.present(requestedAt, "requestedAt");
    }
}
