package com.aipasta.command.config;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRetriesTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConflictRetries retries = new ConflictRetries(executor, 3, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** The store's conflict arrives with the driver's duplicate-key failure as its cause, which is no conflict itself. */
    @Test
    void aConflictIsRetriedWhateverCausedIt() throws InterruptedException {
        CountDownLatch dispatched = new CountDownLatch(1);
        ConcurrencyException conflict = new ConcurrencyException("appended first elsewhere",
                new IllegalStateException("E11000 duplicate key"));

        assertThat(retries.scheduleRetry(command(), conflict, failures(1), dispatched::countDown)).isTrue();
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aConflictIsRetriedOnlySoOften() {
        ConcurrencyException conflict = new ConcurrencyException("appended first elsewhere");

        assertThat(retries.scheduleRetry(command(), conflict, failures(3), () -> { })).isTrue();
        assertThat(retries.scheduleRetry(command(), conflict, failures(4), () -> { })).isFalse();
    }

    @Test
    void aRefusalIsNeverRetried() {
        DomainException refused = new DomainException(ErrorCode.INSUFFICIENT_TOKENS, "Not enough tokens");

        assertThat(retries.scheduleRetry(command(), refused, failures(1), () -> { })).isFalse();
    }

    private static GenericCommandMessage<String> command() {
        return new GenericCommandMessage<>("spend");
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[]{ConcurrencyException.class});
        }
        return failures;
    }
}
