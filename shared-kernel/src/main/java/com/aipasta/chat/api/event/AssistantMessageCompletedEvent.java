package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record AssistantMessageCompletedEvent(SessionId sessionId, @DataSubject UserId ownerId, String messageId,
                                             ModelRef model, @PersonalData String content,
                                             @PersonalData String thoughts, TokenCount usage,
                                             String finishReason, long latencyMs, long timeToFirstTokenMs,
                                             Cost cost, Instant completedAt) implements ChatSessionEvent {
}
