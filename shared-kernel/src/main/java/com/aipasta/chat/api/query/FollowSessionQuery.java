package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;

/**
 * A subscription to one of the owner's sessions: answered first with the session (empty when it is not the owner's,
 * is deleted or does not exist), then updated with each {@link MessageView} as its message is recorded or changes
 * status.
 */
public record FollowSessionQuery(UserId ownerId, SessionId sessionId) {
}
