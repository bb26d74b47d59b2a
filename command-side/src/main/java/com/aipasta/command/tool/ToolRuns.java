package com.aipasta.command.tool;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.tool.api.command.RecordToolUseCommand;
import com.aipasta.tool.api.query.FindToolUsageQuery;
import com.aipasta.tool.api.query.ToolUsageStats;
import com.aipasta.tool.api.query.ToolUsageView;
import com.aipasta.tool.api.value.ToolChannel;
import com.aipasta.tool.api.value.ToolUsageId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a tool for a user and records the use. Only a use that gave a result is recorded: refused parameters and a
 * stopped pattern change nothing. The caller's next request waits until the usage read model counts the use.
 */
@Component
public class ToolRuns {

    /** A tool's result and how long it took. */
    public record Outcome(Tool tool, Map<String, Object> result, long durationMicros) {
    }

    private final Tools tools;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final PendingReads pendingReads;
    private final Clock clock;
    private final Executor turnExecutor;

    public ToolRuns(Tools tools, CommandGateway commands, QueryGateway queries, ReadModels readModels,
                    PendingReads pendingReads, Clock clock, @Qualifier("turnExecutor") Executor turnExecutor) {
        this.tools = tools;
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.pendingReads = pendingReads;
        this.clock = clock;
        this.turnExecutor = turnExecutor;
    }

    /** Runs the tool without recording anything: refused parameters throw, and change nothing. */
    public Outcome execute(Tool tool, Map<String, Object> parameters) {
        long started = System.nanoTime();
        Map<String, Object> result = tools.run(tool, parameters);
        return new Outcome(tool, result, (System.nanoTime() - started) / 1_000);
    }

    /** Records a use that gave a result; the user's next request sees it counted. */
    public void record(UserId user, Outcome outcome, ToolChannel channel) {
        long uses = commands.sendAndWait(command(user, outcome, channel));
        ToolUsageId usageId = ToolUsageId.of(user);
        pendingReads.expect(user, () -> CompletableFuture.runAsync(() -> readModels.await(usageId.value(),
                () -> Optional.of(queries.query(new FindToolUsageQuery(user), ToolUsageStats.class).join()),
                stats -> stats.yours().stream().mapToLong(ToolUsageView::uses).sum() >= uses), turnExecutor));
    }

    /** Runs the tool for a model's call during a turn; its use is recorded without holding the turn up. */
    public Outcome runForModel(UserId user, Tool tool, Map<String, Object> parameters) {
        Outcome outcome = execute(tool, parameters);
        commands.send(command(user, outcome, ToolChannel.MODEL));
        return outcome;
    }

    private RecordToolUseCommand command(UserId user, Outcome outcome, ToolChannel channel) {
        return new RecordToolUseCommand(ToolUsageId.of(user), user, outcome.tool().name(), outcome.tool().provider(),
                channel, outcome.durationMicros(), clock.instant());
    }
}
