package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CompleteAssistantMessageCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                              String messageId, String content, String thoughts,
                                              TokenCount usage, String finishReason, long latencyMs,
                                              long timeToFirstTokenMs, Cost cost, Instant completedAt) {

    public CompleteAssistantMessageCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.present(content, "content");
        Require.present(usage, "usage");
        Require.present(cost, "cost");
        Require.present(completedAt, "completedAt");
    }
}
