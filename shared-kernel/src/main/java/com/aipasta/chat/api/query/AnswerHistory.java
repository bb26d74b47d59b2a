package com.aipasta.chat.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record AnswerHistory(List<MessageView> answers, Pagination pagination) {
}
