package com.aipasta.tool.api.query;

import java.time.Instant;
import java.util.Map;

/** One tool's recorded uses: in all, by channel ({@code hub}, {@code plugin}, {@code model}), and how long they took. */
public record ToolUsageView(String toolName, long uses, Map<String, Long> usesByChannel, double averageDurationMs,
                            Instant lastUsedAt) {
}
