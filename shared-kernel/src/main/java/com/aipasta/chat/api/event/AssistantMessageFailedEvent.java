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

/** An answer failed. A non-empty {@code partialContent} makes it a partial answer, charged for {@code usage}. */
@Revision("1")
public record AssistantMessageFailedEvent(SessionId sessionId, @DataSubject UserId ownerId, String messageId,
                                          ModelRef model, @PersonalData String partialContent,
                                          @PersonalData String thoughts, TokenCount usage, String errorCode,
                                          String errorMessage, Cost cost, Instant failedAt)
        implements ChatSessionEvent {
}
