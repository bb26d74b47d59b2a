package com.aipasta.tool.api.query;

import java.time.Instant;

/** One tool's uses across every user. */
public record ToolUsageTotal(String toolName, long uses, long users, double averageDurationMs, Instant lastUsedAt) {
}
