package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;

/** One of the owner's sessions, with the branch ending at {@code branch} (null: the current branch). */
public record FindSessionQuery(UserId ownerId, SessionId sessionId, String branch) {
}
