package com.aipasta.chat.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record SessionPage(List<SessionSummary> sessions, Pagination pagination) {
}
