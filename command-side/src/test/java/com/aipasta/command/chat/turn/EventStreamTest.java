package com.aipasta.command.chat.turn;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The wire format of an answer's events, and how its stream ends whatever the container does. */
class EventStreamTest {

    /** A response body as the client receives it: what was written, and whether its last chunk went out. */
    private static final class Body extends ServletOutputStream {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean ended;
        boolean clientGone;

        @Override
        public void write(int b) throws IOException {
            if (clientGone) {
                throw new IOException("Broken pipe");
            }
            received.write(b);
        }

        @Override
        public void close() {
            ended = true;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private final Body body = new Body();
    private final AsyncContext context = mock(AsyncContext.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    @BeforeEach
    void servlet() throws IOException {
        when(request.startAsync(request, response)).thenReturn(context);
        when(response.getOutputStream()).thenReturn(body);
    }

    @Test
    void eventsAreWrittenAsServerSentEventsWithJsonData() {
        EventStream stream = EventStream.open(request, response, new ObjectMapper());

        assertThat(stream.send("delta", Map.of("text", "Hi \"there\"\nand on"))).isTrue();

        verify(response).setContentType("text/event-stream");
        verify(context).setTimeout(0);
        assertThat(body.text()).isEqualTo("event:delta\ndata:{\"text\":\"Hi \\\"there\\\"\\nand on\"}\n\n");
        assertThat(body.ended).isFalse();
    }

    @Test
    void theLastEventEndsTheBodyEvenWhenTheContainerNeverCompletesTheRequest() {
        EventStream stream = EventStream.open(request, response, new ObjectMapper());
        AtomicInteger closed = new AtomicInteger();
        stream.onClose(closed::incrementAndGet);

        stream.finish("done", Map.of("ok", true));

        assertThat(body.text()).isEqualTo("event:done\ndata:{\"ok\":true}\n\n");
        assertThat(body.ended).as("the last chunk is written when the stream finishes").isTrue();
        verify(context).complete();
        assertThat(closed).hasValue(1);
        assertThat(stream.send("delta", Map.of("text", "late"))).isFalse();
        assertThat(body.text()).doesNotContain("late");
    }

    @Test
    void aClientThatHasGoneClosesTheStreamOnce() {
        EventStream stream = EventStream.open(request, response, new ObjectMapper());
        AtomicInteger closed = new AtomicInteger();
        stream.onClose(closed::incrementAndGet);
        body.clientGone = true;

        assertThat(stream.send("delta", Map.of("text", "Hi"))).isFalse();
        stream.finish("done", Map.of());

        assertThat(closed).hasValue(1);
        verify(context).complete();
        stream.onClose(closed::incrementAndGet);
        assertThat(closed).as("a callback added after the end runs at once").hasValue(2);
    }

    /** A generation sends its events holding its own lock, and its watcher's close callback takes that lock. */
    @Test
    void aCloseCallbackWaitingForASenderDoesNotDeadlock() throws Exception {
        EventStream stream = EventStream.open(request, response, new ObjectMapper());
        ArgumentCaptor<AsyncListener> container = ArgumentCaptor.forClass(AsyncListener.class);
        verify(context).addListener(container.capture());
        Object generation = new Object();
        CountDownLatch senderHoldsItsLock = new CountDownLatch(1);
        CountDownLatch callbackStarted = new CountDownLatch(1);
        stream.onClose(() -> {
            callbackStarted.countDown();
            synchronized (generation) {
                generation.notifyAll();
            }
        });
        AtomicBoolean sent = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            synchronized (generation) {
                senderHoldsItsLock.countDown();
                awaitQuietly(callbackStarted);
                sent.set(stream.send("delta", Map.of("text", "Hi")));
            }
        });
        Thread clientGone = new Thread(() -> {
            awaitQuietly(senderHoldsItsLock);
            try {
                container.getValue().onError(new AsyncEvent(context, new IOException("Connection reset")));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        sender.setDaemon(true);
        clientGone.setDaemon(true);
        sender.start();
        clientGone.start();

        sender.join(TimeUnit.SECONDS.toMillis(10));
        clientGone.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(sender.isAlive() || clientGone.isAlive()).as("deadlocked").isFalse();
        assertThat(sent).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void nothingIsCompletedBeforeTheEnd() {
        EventStream stream = EventStream.open(request, response, new ObjectMapper());

        stream.send("meta", Map.of("messageId", "msg-1"));

        verify(context, never()).complete();
    }
}
