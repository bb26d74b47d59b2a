package com.aipasta.command.http;

import com.aipasta.account.api.value.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Read-your-writes for a caller's next request rather than the one that wrote: a request that answered before the
 * read models showed its change leaves here what will be done once they show it, and the caller's next request
 * waits for that (at most the catch-up timeout) before it is served.
 */
@Component
public class PendingReads {

    private final Map<UserId, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Duration catchUpTimeout;

    public PendingReads(@Value("${aipasta.read-model-catch-up-timeout:60s}") Duration catchUpTimeout) {
        this.catchUpTimeout = catchUpTimeout;
    }

    /** The caller's next requests wait for {@code shown} too. */
    public void expect(UserId caller, CompletableFuture<?> shown) {
        CompletableFuture<Void> settled = shown.handle((result, failure) -> null);
        CompletableFuture<Void> all = pending.merge(caller, settled,
                (earlier, later) -> CompletableFuture.allOf(earlier, later));
        all.thenRun(() -> pending.remove(caller, all));
    }

    boolean isPending(UserId caller) {
        return pending.containsKey(caller);
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
        CompletableFuture<Void> shown = pending.get(caller);
        if (shown == null || shown.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        return shown.copy().completeOnTimeout(null, catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
