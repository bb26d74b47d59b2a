package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;

import java.time.Instant;

/** The user's answers across sessions, newest first; a null filter matches everything. */
public record FindAnswerHistoryQuery(UserId ownerId, String modelId, String status, Instant from, Instant to,
                                     PageRequest pageRequest) {
}
