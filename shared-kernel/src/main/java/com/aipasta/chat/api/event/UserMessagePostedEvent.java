package com.aipasta.chat.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Revision 2 added {@code ownerId}; revision 1 events read it as null. {@code attachments} is absent from events
 * recorded before files could be attached: none.
 */
@Revision("2")
public record UserMessagePostedEvent(SessionId sessionId, @DataSubject UserId ownerId, String messageId,
                                     String parentId, @PersonalData String content, Instant postedAt,
                                     List<Attachment> attachments)
        implements ChatSessionEvent {

    public UserMessagePostedEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public UserMessagePostedEvent(SessionId sessionId, UserId ownerId, String messageId, String parentId,
                                  String content, Instant postedAt) {
        this(sessionId, ownerId, messageId, parentId, content, postedAt, List.of());
    }
}
