package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** {@code attachments} is absent from events recorded before files could be attached: none. */
@Revision("1")
public record UserMessagePostedEvent(SessionId sessionId, String messageId, String parentId,
                                     @PersonalData String content, Instant postedAt, List<Attachment> attachments)
        implements ChatSessionEvent {

    public UserMessagePostedEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public UserMessagePostedEvent(SessionId sessionId, String messageId, String parentId, String content,
                                  Instant postedAt) {
        this(sessionId, messageId, parentId, content, postedAt, List.of());
    }
}
