package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;

/** The owner's live sessions, most recent activity first. */
public record FindSessionsQuery(UserId ownerId, PageRequest pageRequest) {
}
