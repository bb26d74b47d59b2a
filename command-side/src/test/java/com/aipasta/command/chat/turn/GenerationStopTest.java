package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.chat.provider.ChatStream;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping an answer cancels its provider call, which waits for a delivery under way (see {@code ChatStream}): the
 * provider's I/O thread holds the call's lock while it hands text to the answer.
 */
class GenerationStopTest {

    private static final long JOIN_MILLIS = 10_000;

    private final Generation generation = new Generation(new SessionId("session-1"), new UserId("user-1"), "msg-1",
            new ModelChoice("m", "p", PromptCategory.GENERAL, false));

    @Test
    void aStopWhileTheProviderHandsOnTextEndsAndKeepsThatText() throws InterruptedException {
        Object providerCall = new Object();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch cancelling = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        generation.streaming(() -> {
            cancelling.countDown();
            synchronized (providerCall) {
                cancelled.set(true);
            }
        });
        Thread io = daemon("provider-io", () -> {
            synchronized (providerCall) {
                delivering.countDown();
                awaitQuietly(cancelling);
                generation.delta("word6");
            }
        });
        delivering.await();
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopper = daemon("stop-request", () -> stopped.set(generation.stop("STOPPED")));

        io.join(JOIN_MILLIS);
        stopper.join(JOIN_MILLIS);

        assertThat(deadlocked(io, stopper)).as("threads deadlocked on each other's monitors").isEmpty();
        assertThat(io.isAlive() || stopper.isAlive()).as("a thread still stuck").isFalse();
        assertThat(stopped).isTrue();
        assertThat(cancelled).isTrue();
        assertThat(generation.stopReason()).isEqualTo("STOPPED");
        assertThat(generation.text().content()).isEqualTo("word6");
    }

    @Test
    void anAnswerStoppedBeforeItsProviderCallIsKnownCancelsThatCallOnceItIs() {
        AtomicInteger cancels = new AtomicInteger();
        ChatStream call = cancels::incrementAndGet;

        assertThat(generation.stop("TIMEOUT")).isTrue();
        generation.streaming(call);

        assertThat(cancels).hasValue(1);
        assertThat(generation.stop("STOPPED")).isFalse();
        assertThat(cancels).hasValue(1);
    }

    @Test
    void aRunningCallIsCancelledOnceHoweverOftenTheAnswerIsStopped() {
        AtomicInteger cancels = new AtomicInteger();
        generation.streaming(cancels::incrementAndGet);

        assertThat(generation.stop("STOPPED")).isTrue();
        assertThat(generation.stop("TIMEOUT")).isFalse();

        assertThat(cancels).hasValue(1);
        assertThat(generation.stopReason()).isEqualTo("STOPPED");
    }

    /** The names of those of {@code threads} that wait for each other's monitors, or for another's, forever. */
    private static List<String> deadlocked(Thread... threads) {
        long[] ids = ManagementFactory.getThreadMXBean().findMonitorDeadlockedThreads();
        if (ids == null) {
            return List.of();
        }
        Set<Long> stuck = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        return Arrays.stream(threads).filter(thread -> stuck.contains(thread.getId())).map(Thread::getName).toList();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
