package com.aipasta.command.chat.provider;

import com.aipasta.command.chat.provider.ProviderException.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One streamed completion over server-sent events. Every listener call happens under this object's lock and only
 * while the stream is unfinished, so the listener gets exactly one terminal call and nothing after
 * {@link #cancel()} returns, whichever of the I/O thread, the first-byte timer or the caller gets there first.
 */
final class ProviderStream extends EventSourceListener implements ChatStream {

    private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final String provider;
    private final ObjectMapper json;
    private final StreamDecoder decoder;
    private final ChatListener target;
    private final ChatListener guarded = new GuardedListener();
    private boolean finished;
    private boolean eventSeen;
    private EventSource source;
    private ScheduledFuture<?> firstByteTimer;

    ProviderStream(String provider, ObjectMapper json, StreamDecoder decoder, ChatListener target) {
        this.provider = provider;
        this.json = json;
        this.decoder = decoder;
        this.target = target;
    }

    synchronized void start(EventSource.Factory sources, Request request, ScheduledExecutorService timer,
                            Duration firstByteTimeout) {
        firstByteTimer = timer.schedule(this::firstByteTimedOut, firstByteTimeout.toMillis(), TimeUnit.MILLISECONDS);
        source = sources.newEventSource(request, this);
    }

    @Override
    public synchronized void cancel() {
        finish();
    }

    @Override
    public synchronized void onEvent(EventSource eventSource, String id, String type, String data) {
        if (finished) {
            return;
        }
        eventSeen = true;
        firstByteTimer.cancel(false);
        try {
            decoder.onData(data, guarded);
        } catch (JsonProcessingException e) {
            fail(ProviderFailures.malformed(provider, "a chunk that is not valid JSON: " + e.getOriginalMessage(), e));
        }
    }

    @Override
    public synchronized void onClosed(EventSource eventSource) {
        if (!finished) {
            decoder.onEndOfBody(guarded);
        }
    }

    @Override
    public synchronized void onFailure(EventSource eventSource, Throwable failure, Response response) {
        if (finished) {
            return;
        }
        if (response != null && !response.isSuccessful()) {
            fail(ProviderFailures.ofStatus(json, provider, response.code(), errorBody(response),
                    response.header("Retry-After")));
        } else if (failure instanceof IOException io) {
            fail(ProviderFailures.ofIoError(provider, io));
        } else {
            fail(ProviderFailures.malformed(provider, "an unreadable stream: " + failure.getMessage(), failure));
        }
    }

    private void firstByteTimedOut() {
        synchronized (this) {
            if (!eventSeen && !finished) {
                fail(new ProviderException(Kind.TIMEOUT, provider + " sent nothing within the first-byte timeout"));
            }
        }
    }

    private void fail(ProviderException failure) {
        finish();
        target.onError(failure);
    }

    private void finish() {
        finished = true;
        firstByteTimer.cancel(false);
        // null only when the call was refused while it was being enqueued, before the source was returned
        if (source != null) {
            source.cancel();
        }
    }

    private static String errorBody(Response response) {
        try {
            return response.peekBody(MAX_ERROR_BODY_BYTES).string();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What the decoder calls, always under the stream's lock from {@link #onEvent} or {@link #onClosed}: passes
     * thoughts and text on while unfinished, and ends the stream once.
     */
    private final class GuardedListener implements ChatListener {

        @Override
        public void onThought(String text) {
            if (!finished) {
                target.onThought(text);
            }
        }

        @Override
        public void onDelta(String text) {
            if (!finished) {
                target.onDelta(text);
            }
        }

        @Override
        public void onComplete(TokenUsage usage, String finishReason) {
            if (!finished) {
                finished = true;
                firstByteTimer.cancel(false);
                target.onComplete(usage, finishReason);
            }
        }

        @Override
        public void onError(ProviderException failure) {
            if (!finished) {
                fail(failure);
            }
        }

        @Override
        public void onToolCalls(List<ToolCall> calls, TokenUsage usage) {
            if (!finished) {
                finished = true;
                firstByteTimer.cancel(false);
                target.onToolCalls(calls, usage);
            }
        }
    }
}
