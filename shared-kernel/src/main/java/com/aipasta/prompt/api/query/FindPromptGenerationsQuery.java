package com.aipasta.prompt.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;

/** The owner's prompt generations, newest first. */
public record FindPromptGenerationsQuery(UserId ownerId, PageRequest pageRequest) {
}
