package com.aipasta.chat.api.query;

import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.TokenCount;

import java.time.Instant;

/**
 * A message as the user sees it. {@code role} is {@code user}, {@code assistant} or {@code tool} (a plugin's call and
 * result as JSON text, {@code provider} naming the plugin's provider); an answer's {@code status}
 * is {@code generating}, {@code complete}, {@code partial} (failed after some text) or {@code failed}.
 */
public record MessageView(String id, String sessionId, String parentId, String role, String content,
                          String thoughts, String status, String modelId, String provider, TokenCount usage,
                          Cost cost, Long latencyMs, Long timeToFirstTokenMs, String finishReason, String errorCode,
                          String errorMessage, Instant createdAt) {

    public boolean finished() {
        return !"generating".equals(status);
    }
}
