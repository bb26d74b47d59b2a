package com.aipasta.command.config;

import com.aipasta.common.Causes;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command only when another node appended to the same aggregate first (the store's optimistic lock refused
 * the events: a {@link ConcurrencyException}, whatever the driver's exception under it) or when the store refused its
 * events as too late ({@link LateAppends}); every other failure, a domain refusal above all, reaches the caller at
 * once. The conflict evicted the aggregate from the cache, so a retry reads
 * it again. Each pause is random within a bound that doubles with each retry, so nodes contending for one aggregate
 * (a wallet spent from everywhere at once) spread their retries rather than colliding again in step.
 */
public final class ConflictRetries implements RetryScheduler {

    private static final int MAX_DOUBLINGS = 8;

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long firstPauseMillis;

    public ConflictRetries(ScheduledExecutorService executor, int maxRetries, long firstPauseMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.firstPauseMillis = firstPauseMillis;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean scheduleRetry(CommandMessage command, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatch) {
        if (!isConflict(lastFailure) && !LateAppends.isLateAppend(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        long bound = firstPauseMillis << Math.min(failures.size() - 1, MAX_DOUBLINGS);
        try {
            executor.schedule(dispatch, ThreadLocalRandom.current().nextLong(bound / 2, bound + 1),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    private static boolean isConflict(Throwable failure) {
        return Causes.of(failure).anyMatch(ConcurrencyException.class::isInstance);
    }
}
