package com.aipasta.chat.api.value;

import com.aipasta.common.PersonalData;
import com.aipasta.common.Require;

/** A message the user writes; {@code parentId} is the message it answers (null at the start of a session). */
public record UserMessage(String messageId, String parentId, @PersonalData String content) {

    public UserMessage {
        Require.text(messageId, "messageId");
        Require.text(content, "content");
    }
}
