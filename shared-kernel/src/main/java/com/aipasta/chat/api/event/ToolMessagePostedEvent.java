package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A plugin's call and result, as JSON text, following {@code parentId} (null at the start of the session). */
@Revision("1")
public record ToolMessagePostedEvent(SessionId sessionId, @DataSubject UserId ownerId, String messageId, String parentId,
                                     String toolName, String provider, @PersonalData String content,
                                     Instant postedAt) implements ChatSessionEvent {
}
