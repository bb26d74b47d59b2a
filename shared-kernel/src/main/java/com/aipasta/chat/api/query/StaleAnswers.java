package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.SessionId;

import java.util.List;

public record StaleAnswers(List<StaleAnswer> answers) {

    public record StaleAnswer(SessionId sessionId, UserId ownerId, String messageId) {
    }
}
