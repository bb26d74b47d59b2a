package com.aipasta.command.tool;

import com.aipasta.account.api.value.UserId;
import com.aipasta.tool.api.command.RecordToolUseCommand;
import com.aipasta.tool.api.event.ToolUsedEvent;
import com.aipasta.tool.api.value.ToolChannel;
import com.aipasta.tool.api.value.ToolUsageId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ToolUsageTest {

    private static final UserId USER = new UserId("user-1");
    private static final ToolUsageId USAGE = ToolUsageId.of(USER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final AggregateTestFixture<ToolUsage> fixture = new AggregateTestFixture<>(ToolUsage.class);

    @Test
    void theFirstUseStartsTheUsersRecordAndEachAnswersTheUsesInAll() {
        fixture.givenNoPriorActivity()
                .when(new RecordToolUseCommand(USAGE, USER, "hash", "builtin", ToolChannel.HUB, 120, T))
                .expectEvents(new ToolUsedEvent(USAGE, USER, "hash", "builtin", ToolChannel.HUB, 120, T))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aLaterUseIsAddedToTheRecord() {
        fixture.given(new ToolUsedEvent(USAGE, USER, "hash", "builtin", ToolChannel.HUB, 120, T))
                .when(new RecordToolUseCommand(USAGE, USER, "regex", "builtin", ToolChannel.MODEL, 80, T))
                .expectEvents(new ToolUsedEvent(USAGE, USER, "regex", "builtin", ToolChannel.MODEL, 80, T))
                .expectResultMessagePayload(2L);
    }
}
