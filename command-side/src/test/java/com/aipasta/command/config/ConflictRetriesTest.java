package com.aipasta.command.config;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** The embedded server refused an append whose events reached it later than the stream's readers look back. */
    @Test
    void anAppendRefusedAsTooLateIsRetriedAndAnotherWriteErrorIsNot() {
        assertThat(retries.scheduleRetry(command(), new EventStoreException("not stored", writeError(50)),
                failures(1), () -> { })).isTrue();
        assertThat(retries.scheduleRetry(command(), new EventStoreException("not stored", writeError(2)),
                failures(1), () -> { })).isFalse();
    }

    @Test
    void aRefusalIsNeverRetried() {
        DomainException refused = new DomainException(ErrorCode.INSUFFICIENT_TOKENS, "Not enough tokens");

        assertThat(retries.scheduleRetry(command(), refused, failures(1), () -> { })).isFalse();
    }

    private static MongoBulkWriteException writeError(int code) {
        return new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                List.of(new BulkWriteError(code, "refused", new BsonDocument(), 0)), null, new ServerAddress(),
                Set.of());
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
