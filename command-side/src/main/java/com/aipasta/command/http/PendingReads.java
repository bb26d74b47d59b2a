package com.aipasta.command.http;

import com.aipasta.account.api.value.UserId;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Read-your-writes for a caller's next request rather than the one that wrote: a request that answered before the
 * read models showed its change leaves here how to wait until they show it, and the caller's next request waits for
 * that (at most the catch-up timeout) before it is served. A wait starts only when a request of the caller needs it,
 * so a write whose caller sends nothing more costs no read of the read models; a wait not needed within the timeout
 * is dropped unstarted.
 */
@Component
public class PendingReads {

    /** One write's wait, started at most once. */
    private static final class Pending {

        private final Supplier<? extends CompletableFuture<?>> wait;
        private final long expectedAtNanos;
        private CompletableFuture<Void> started;

        Pending(Supplier<? extends CompletableFuture<?>> wait, long expectedAtNanos) {
            this.wait = wait;
            this.expectedAtNanos = expectedAtNanos;
        }

        synchronized CompletableFuture<Void> start() {
            if (started == null) {
                started = wait.get().handle((result, failure) -> null);
            }
            return started;
        }

        synchronized boolean over(long nowNanos, long timeoutNanos) {
            return started != null ? started.isDone() : nowNanos - expectedAtNanos > timeoutNanos;
        }
    }

    private final Map<UserId, Queue<Pending>> pending;
    private final Duration catchUpTimeout;

    public PendingReads(@Value("${aipasta.read-model-catch-up-timeout:60s}") Duration catchUpTimeout) {
        this.catchUpTimeout = catchUpTimeout;
        this.pending = Caffeine.newBuilder().expireAfterWrite(catchUpTimeout).<UserId, Queue<Pending>>build().asMap();
    }

    /**
     * The caller's next requests wait for what {@code shown} starts: a wait until the read models show a write. The
     * oldest waits, once over or past the timeout, are dropped here too, so a caller who only writes keeps only those
     * of the timeout; a caller's waits are kept in the order they were expected, so this stops at the first one still
     * to come, and a write costs the same however many its caller made within the timeout.
     */
    public void expect(UserId caller, Supplier<? extends CompletableFuture<?>> shown) {
        pending.compute(caller, (owner, waits) -> {
            long now = System.nanoTime();
            Queue<Pending> queue = waits == null ? new ConcurrentLinkedQueue<>() : waits;
            while (!queue.isEmpty() && queue.peek().over(now, catchUpTimeout.toNanos())) {
                queue.poll();
            }
            queue.add(new Pending(shown, now));
            return queue;
        });
    }

    int waitsOf(UserId caller) {
        Queue<Pending> waits = pending.get(caller);
        return waits == null ? 0 : waits.size();
    }

    /** Returns once the read models show what the caller's earlier requests wrote, or the timeout has passed. */
    public void awaitFor(UserId caller) {
        try {
            whenShown(caller).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException notShown) {
            // served from what the read models hold; the write itself is recorded
        }
    }

    /** Completes once the read models show what the caller's earlier requests wrote, or the timeout has passed. */
    public CompletableFuture<Void> whenShown(UserId caller) {
        Queue<Pending> waits = pending.get(caller);
        if (waits == null) {
            return CompletableFuture.completedFuture(null);
        }
        long now = System.nanoTime();
        CompletableFuture<?>[] started = waits.stream().filter(wait -> !wait.over(now, catchUpTimeout.toNanos()))
                .map(Pending::start).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(started).thenRun(() -> forgetOver(caller))
                .completeOnTimeout(null, catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forgetOver(UserId caller) {
        pending.computeIfPresent(caller, (owner, waits) -> {
            long now = System.nanoTime();
            waits.removeIf(wait -> wait.over(now, catchUpTimeout.toNanos()));
            return waits.isEmpty() ? null : waits;
        });
    }
}
