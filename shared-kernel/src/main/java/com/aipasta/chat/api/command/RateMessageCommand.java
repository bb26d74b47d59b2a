package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The owner's vote on a finished answer; a later vote on the same answer replaces the earlier one. */
public record RateMessageCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId, String messageId,
                                 Vote vote, Instant ratedAt) {

    public RateMessageCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.present(vote, "vote");
        Require.present(ratedAt, "ratedAt");
    }
}
