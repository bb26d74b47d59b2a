package com.aipasta.command.chat.turn;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A server-sent event stream written straight to the servlet's async context, from whichever thread has the next
 * event. Its end completes the context, which ends the response without dispatching the request through the
 * filters and the dispatcher a second time, as Spring's {@code SseEmitter} does.
 */
final class EventStream {

    private static final String CONTENT_TYPE = "text/event-stream";

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final ObjectMapper json;
    private final ReentrantLock writing = new ReentrantLock();
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean closed;

    private EventStream(AsyncContext context, ServletOutputStream out, ObjectMapper json) {
        this.context = context;
        this.out = out;
        this.json = json;
    }

    /** Starts the response's stream; it stays open, without a time limit, until {@link #finish} or the client goes. */
    static EventStream open(HttpServletRequest request, HttpServletResponse response, ObjectMapper json) {
        response.setContentType(CONTENT_TYPE);
        ServletOutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventStream stream = new EventStream(request.startAsync(request, response), out, json);
        stream.context.setTimeout(0);
        stream.context.addListener(stream.new Closing());
        return stream;
    }

    /**
     * Runs once the stream has ended, whether finished here or dropped by the client. Callbacks run without the
     * stream's lock, so one may wait for whoever is sending an event (a generation sends while holding its own).
     */
    void onClose(Runnable callback) {
        writing.lock();
        try {
            if (!closed) {
                onClose.add(callback);
                return;
            }
        } finally {
            writing.unlock();
        }
        callback.run();
    }

    /** Sends one event; false when the client has gone, and from then on. */
    boolean send(String name, Object data) {
        byte[] event = encode(name, data);
        List<Runnable> ended;
        writing.lock();
        try {
            if (closed) {
                return false;
            }
            out.write(event);
            out.flush();
            return true;
        } catch (IOException | IllegalStateException clientGone) {
            ended = end();
        } finally {
            writing.unlock();
        }
        ended.forEach(Runnable::run);
        return false;
    }

    /** Sends the last event and ends the response. */
    void finish(String name, Object data) {
        send(name, data);
        closeThenCallBack(this::end);
    }

    /** Runs {@code closing} holding {@code writing}, then the callbacks it answers without it. */
    private void closeThenCallBack(Supplier<List<Runnable>> closing) {
        List<Runnable> ended;
        writing.lock();
        try {
            ended = closing.get();
        } finally {
            writing.unlock();
        }
        ended.forEach(Runnable::run);
    }

    /**
     * Ends the response and completes the request unless the container did, and answers the callbacks to run; called
     * with {@code writing} held. The body is closed first, which writes its last chunk here and now: the client's
     * stream ends even if the completion never runs. Tomcat can hand a stale async time-out, meant for a request that
     * has just completed, to the connection of a request still streaming, and that request's processor is then
     * dropped, so completing it does nothing (see README, "A stream left open").
     */
    private List<Runnable> end() {
        if (closed) {
            return List.of();
        }
        List<Runnable> ended = markClosed();
        try {
            out.close();
        } catch (IOException clientGone) {
            // the container ends the request of a client that has gone
        }
        try {
            context.complete();
        } catch (IllegalStateException endedByTheContainer) {
            // the client went and the container completed the request first
        }
        return ended;
    }

    private byte[] encode(String name, Object data) {
        ByteArrayOutputStream event = new ByteArrayOutputStream(256);
        event.writeBytes(("event:" + name + "\ndata:").getBytes(StandardCharsets.UTF_8));
        try {
            json.writeValue(event, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        event.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
        return event.toByteArray();
    }

    /** Marks the stream closed; answers the callbacks to run, once, after {@code writing} (held here) is released. */
    private List<Runnable> markClosed() {
        if (closed) {
            return List.of();
        }
        closed = true;
        List<Runnable> callbacks = List.copyOf(onClose);
        onClose.clear();
        return callbacks;
    }

    /** The container's word that the stream ended: completed, dropped by the client, or failed. */
    private final class Closing implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            closeFromContainer();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            closeFromContainer();
        }

        @Override
        public void onError(AsyncEvent event) {
            closeFromContainer();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void closeFromContainer() {
            closeThenCallBack(EventStream.this::markClosed);
        }
    }
}
