package com.aipasta.tool.api.query;

import java.util.List;

/** {@code yours}: the caller's uses per tool; {@code everyone}: every user's, with how many users each tool had. */
public record ToolUsageStats(List<ToolUsageView> yours, List<ToolUsageTotal> everyone, long totalUses) {
}
