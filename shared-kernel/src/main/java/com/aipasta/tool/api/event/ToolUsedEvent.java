package com.aipasta.tool.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.tool.api.value.ToolChannel;
import com.aipasta.tool.api.value.ToolUsageId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A tool ran and gave a result; what it was given and answered is not kept here. */
@Revision("1")
public record ToolUsedEvent(ToolUsageId usageId, UserId userId, String toolName, String provider,
                            ToolChannel channel, long durationMicros, Instant usedAt) implements ToolUsageEvent {
}
