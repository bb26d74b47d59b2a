package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.Vote;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The owner voted on an answer; {@code previousVote} is the vote it replaces, null for the first one. */
@Revision("1")
public record MessageRatedEvent(SessionId sessionId, UserId ownerId, String messageId, ModelRef model,
                                PromptCategory category, Vote vote, Vote previousVote, Instant ratedAt)
        implements ChatSessionEvent {
}
