package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ends an answer that failed; whatever was generated before the failure is kept and charged. */
public record FailAssistantMessageCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                          String messageId, String partialContent, String thoughts,
                                          TokenCount usage, String errorCode, String errorMessage, Cost cost,
                                          Instant failedAt) {

    public FailAssistantMessageCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.present(usage, "usage");
        Require.text(errorCode, "errorCode");
        Require.present(cost, "cost");
        Require.present(failedAt, "failedAt");
    }
}
