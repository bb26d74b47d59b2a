package com.aipasta.command.tool;

import com.aipasta.tool.api.command.RecordToolUseCommand;
import com.aipasta.tool.api.event.ToolUsedEvent;
import com.aipasta.tool.api.value.ToolUsageId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's tool uses, in order: their sequence numbers let the usage read model count each use once, however often
 * it is delivered.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ToolUsage {

    @AggregateIdentifier
    private ToolUsageId usageId;
    private long uses;

    protected ToolUsage() {
    }

    /** Answers the user's uses in all, this one included. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordToolUseCommand command) {
        apply(new ToolUsedEvent(command.usageId(), command.userId(), command.toolName(), command.provider(),
                command.channel(), command.durationMicros(), command.usedAt()));
        return uses;
    }

    @EventSourcingHandler
    void on(ToolUsedEvent event) {
        usageId = event.usageId();
        uses++;
    }
}
