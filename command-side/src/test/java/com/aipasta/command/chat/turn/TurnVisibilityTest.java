package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.http.ReadModelUpdates;
import com.aipasta.command.http.ReadModels;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Waiting for an answer under way to be shown never outlives the answer. */
class TurnVisibilityTest {

    private final ExecutorService turnExecutor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        turnExecutor.shutdownNow();
    }

    @Test
    void aWaitForAnAnswerWhoseStartIsNeverShownEndsWithTheAnswer() throws Exception {
        QueryGateway queries = mock(QueryGateway.class);
        AtomicInteger reads = new AtomicInteger();
        when(queries.query(any(FindMessageQuery.class), any(ResponseType.class))).thenAnswer(invocation -> {
            reads.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.empty());
        });
        ReadModels readModels = new ReadModels(queries, new ReadModelUpdates(), aggregate -> Optional.empty(), null,
                Duration.ofHours(1), Duration.ofMillis(20), 10);
        TurnVisibility visibility = new TurnVisibility(readModels, queries, turnExecutor);
        Generation generation = new Generation(new SessionId("session-1"), new UserId("user-1"), "msg-1",
                new ModelChoice("m", "p", PromptCategory.GENERAL, false));

        CompletableFuture<Void> started = visibility.started(generation);
        while (reads.get() < 2) {
            Thread.onSpinWait();
        }
        assertThat(started).isNotDone();
        generation.fail(new Generation.Failure("PROVIDER_ERROR", "failed", null, null));

        assertThat(started.get(1, TimeUnit.MINUTES)).isNull();
        assertThat(turnExecutor.submit(() -> "free").get(1, TimeUnit.MINUTES))
                .as("the executor's one thread is no longer waiting").isEqualTo("free");
    }
}
