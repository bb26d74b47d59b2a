package com.aipasta.chat.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Shares a snapshot of the session as it is now under {@code shareId}, showing {@code displayName} (may be null) as
 * its author. A session already shared keeps its share: the answer is the share id in use.
 */
public record ShareSessionCommand(@TargetAggregateIdentifier SessionId sessionId, UserId ownerId, String shareId,
                                  String displayName, Instant sharedAt) {

    public ShareSessionCommand {
        Require.present(sessionId, "sessionId");
        Require.present(ownerId, "ownerId");
        Require.text(shareId, "shareId");
        Require.present(sharedAt, "sharedAt");
    }
}
