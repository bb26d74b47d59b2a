package com.aipasta.tool.api.event;

import com.aipasta.tool.api.value.ToolUsageId;

public sealed interface ToolUsageEvent permits ToolUsedEvent {

    ToolUsageId usageId();
}
