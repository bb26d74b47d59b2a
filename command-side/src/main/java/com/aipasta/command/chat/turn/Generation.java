package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.wallet.api.value.WalletBalance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One answer being generated in this process: what has streamed so far and who is watching. A watcher that
 * subscribes late first receives everything generated before, so a client can re-attach after a disconnect.
 */
public final class Generation {

    /** Receives one generation; calls arrive in order and end with exactly one of done or failed. */
    public interface Watcher {
        void thought(String text);

        void delta(String text);

        void done(Result result);

        void failed(Failure failure);
    }

    /** {@code balance} is the wallet once the answer was paid for. */
    public record Result(SessionId sessionId, MessageView message, TokenCount usage, WalletBalance balance) {
    }

    /** {@code balance} is the wallet once what was generated was paid for; null when that is not known. */
    public record Failure(String code, String message, MessageView partial, WalletBalance balance) {
    }

    public record Text(String content, String thoughts) {
    }

    private final SessionId sessionId;
    private final UserId ownerId;
    private final String messageId;
    private final ModelChoice choice;
    private final long startedNanos = System.nanoTime();
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder thoughts = new StringBuilder();
    private final List<Watcher> watchers = new ArrayList<>();
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final List<Consumer<Object>> endListeners = new ArrayList<>();
    private final Object checkpointing = new Object();
    private long firstTokenNanos;
    private boolean changedSinceCheckpoint;
    private boolean checkpointed;
    private boolean checkpointsClosed;
    private ChatStream stream;
    private String stopReason;

    Generation(SessionId sessionId, UserId ownerId, String messageId, ModelChoice choice) {
        this.sessionId = sessionId;
        this.ownerId = ownerId;
        this.messageId = messageId;
        this.choice = choice;
    }

    public SessionId sessionId() {
        return sessionId;
    }

    public UserId ownerId() {
        return ownerId;
    }

    public String messageId() {
        return messageId;
    }

    public ModelChoice choice() {
        return choice;
    }

    /** The provider call under way; one already stopped is cancelled at once. */
    void streaming(ChatStream running) {
        boolean stopped;
        synchronized (this) {
            stream = running;
            stopped = stopReason != null;
        }
        if (stopped) {
            running.cancel();
        }
    }

    synchronized void thought(String text) {
        markFirstToken();
        thoughts.append(text);
        changedSinceCheckpoint = true;
        List.copyOf(watchers).forEach(watcher -> watcher.thought(text));
    }

    synchronized void delta(String text) {
        markFirstToken();
        content.append(text);
        changedSinceCheckpoint = true;
        List.copyOf(watchers).forEach(watcher -> watcher.delta(text));
    }

    synchronized void finish(Result result) {
        endListeners.forEach(listener -> listener.accept(result));
        outcome.complete(result);
        List.copyOf(watchers).forEach(watcher -> watcher.done(result));
        watchers.clear();
    }

    synchronized void fail(Failure failure) {
        endListeners.forEach(listener -> listener.accept(failure));
        outcome.complete(failure);
        List.copyOf(watchers).forEach(watcher -> watcher.failed(failure));
        watchers.clear();
    }

    /**
     * Cancels the provider call; answers false when the generation had already ended or was being stopped. The call is
     * cancelled outside this object's lock: cancelling waits for a delivery under way, whose I/O thread holds the
     * call's lock while it waits for this one to hand the text on.
     */
    boolean stop(String reason) {
        ChatStream running;
        synchronized (this) {
            if (outcome.isDone() || stopReason != null) {
                return false;
            }
            stopReason = reason;
            running = stream;
        }
        if (running != null) {
            running.cancel();
        }
        return true;
    }

    synchronized String stopReason() {
        return stopReason;
    }

    public synchronized void watch(Watcher watcher) {
        if (!thoughts.isEmpty()) {
            watcher.thought(thoughts.toString());
        }
        if (!content.isEmpty()) {
            watcher.delta(content.toString());
        }
        Object ended = outcome.getNow(null);
        if (ended instanceof Result result) {
            watcher.done(result);
        } else if (ended instanceof Failure failure) {
            watcher.failed(failure);
        } else {
            watchers.add(watcher);
        }
    }

    /**
     * Calls {@code listener} with the outcome (a {@link Result} or a {@link Failure}) before anyone waiting for it or
     * watching it learns it; at once when the generation has already ended.
     */
    public synchronized void whenEnded(Consumer<Object> listener) {
        Object ended = outcome.getNow(null);
        if (ended != null) {
            listener.accept(ended);
        } else {
            endListeners.add(listener);
        }
    }

    public synchronized void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    public CompletableFuture<Object> outcome() {
        return outcome;
    }

    /** The outcome once the generation ends, or 503 when it has not within {@code limit}. */
    public Object awaitOutcome(Duration limit) {
        try {
            return outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for the answer");
        } catch (ExecutionException | TimeoutException e) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The answer did not finish in time");
        }
    }

    public boolean ended() {
        return outcome.isDone();
    }

    synchronized Text text() {
        return new Text(content.toString(), thoughts.isEmpty() ? null : thoughts.toString());
    }

    /**
     * Saves the text with {@code save} when it changed since the last save, until the answer ends and its checkpoints
     * are closed. A save and the closing never overlap, so no checkpoint is saved after its answer's was removed.
     */
    void checkpoint(Consumer<Text> save) {
        synchronized (checkpointing) {
            Text text = textToCheckpoint();
            if (text != null && !checkpointsClosed && !ended()) {
                checkpointed = true;
                save.accept(text);
            }
        }
    }

    /** Ends the checkpoints; true when one was saved, which is then to be removed. */
    boolean closeCheckpoints() {
        synchronized (checkpointing) {
            checkpointsClosed = true;
            return checkpointed;
        }
    }

    private synchronized Text textToCheckpoint() {
        if (!changedSinceCheckpoint) {
            return null;
        }
        changedSinceCheckpoint = false;
        return text();
    }

    synchronized long latencyMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    synchronized long timeToFirstTokenMillis() {
        return firstTokenNanos == 0 ? latencyMillis() : (firstTokenNanos - startedNanos) / 1_000_000;
    }

    private void markFirstToken() {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
    }
}
