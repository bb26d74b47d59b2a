package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;

/** One of the owner's sessions without its messages: empty when it is not the owner's, is deleted or does not exist. */
public record FindSessionSummaryQuery(UserId ownerId, SessionId sessionId) {
}
