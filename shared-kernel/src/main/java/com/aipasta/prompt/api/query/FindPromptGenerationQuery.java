package com.aipasta.prompt.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.prompt.api.value.PromptGenerationId;

/** One of the owner's prompt generations; empty for anyone else's. */
public record FindPromptGenerationQuery(PromptGenerationId generationId, UserId ownerId) {
}
