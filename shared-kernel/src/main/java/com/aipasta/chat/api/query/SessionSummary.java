package com.aipasta.chat.api.query;

import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;

import java.time.Instant;
import java.util.List;

public record SessionSummary(String id, String title, String systemInstruction, String modelId,
                             GenerationOptions options, Instant createdAt, Instant lastActivityAt, int messageCount,
                             long totalTokens, Cost cost, List<String> models) {
}
