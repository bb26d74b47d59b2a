package com.aipasta.tool.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.tool.api.value.ToolChannel;
import com.aipasta.tool.api.value.ToolUsageId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A tool ran for a user and gave a result; answers how many tool uses the user has recorded in all. */
public record RecordToolUseCommand(@TargetAggregateIdentifier ToolUsageId usageId, UserId userId, String toolName,
                                   String provider, ToolChannel channel, long durationMicros, Instant usedAt) {

    public RecordToolUseCommand {
        Require.present(usageId, "usageId");
        Require.present(userId, "userId");
        Require.text(toolName, "toolName");
        Require.text(provider, "provider");
        Require.present(channel, "channel");
        Require.notNegative(durationMicros, "durationMicros");
        Require.present(usedAt, "usedAt");
    }
}
