package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record UserMessagePostedEvent(SessionId sessionId, String messageId, String parentId,
                                     @PersonalData String content, Instant postedAt)
        implements ChatSessionEvent {
}
