package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A plugin ran in the session: its call and result, as the JSON text {@code content}, become a message of role
 * {@code tool} at the end of the session's current branch, which a model may then answer.
 */
public record PostToolMessageCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId,
                                     String messageId, String toolName, String provider, String content,
                                     Instant postedAt) {

    public PostToolMessageCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(messageId, "messageId");
        Require.text(toolName, "toolName");
        Require.text(provider, "provider");
        Require.text(content, "content");
        Require.present(postedAt, "postedAt");
    }
}
