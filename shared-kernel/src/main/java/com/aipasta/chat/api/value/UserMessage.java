package com.aipasta.chat.api.value;

import com.aipasta.common.PersonalData;
import com.aipasta.common.Require;

import java.util.List;

/**
 * A message the user writes; {@code parentId} is the message it answers (null at the start of a session), with the
 * files attached to it.
 */
public record UserMessage(String messageId, String parentId, @PersonalData String content,
                          List<Attachment> attachments) {

    public UserMessage {
        Require.text(messageId, "messageId");
        Require.text(content, "content");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public UserMessage(String messageId, String parentId, String content) {
        this(messageId, parentId, content, List.of());
    }
}
