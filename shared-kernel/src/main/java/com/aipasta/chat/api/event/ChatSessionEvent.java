package com.aipasta.chat.api.event;

import com.aipasta.chat.api.value.SessionId;

public sealed interface ChatSessionEvent permits SessionStartedEvent, UserMessagePostedEvent,
        AssistantMessageStartedEvent, AssistantMessageCompletedEvent, AssistantMessageFailedEvent, SessionRenamedEvent,
        SessionSettingsChangedEvent, SessionDeletedEvent, MessageDeletedEvent, MessageRatedEvent, SessionSharedEvent,
        SessionShareRevokedEvent, ToolMessagePostedEvent, AnswerStopRequestedEvent {

    SessionId sessionId();
}
