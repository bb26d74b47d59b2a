package com.aipasta.command.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotExecutorTest {

    @Test
    void stoppingFinishesTheSnapshotUnderWayAndDropsTheQueuedOnes() throws Exception {
        SnapshotExecutor executor = new SnapshotExecutor(Thread::new, Duration.ofSeconds(10));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger queuedRan = new AtomicInteger();
        executor.execute(() -> {
            running.countDown();
            try {
                release.await();
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 5; i++) {
            executor.execute(queuedRan::incrementAndGet);
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(() -> {
            try {
                executor.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        stopping.join(200);
        assertThat(stopping.isAlive()).as("stop waits for the snapshot under way").isTrue();
        release.countDown();
        stopping.join(10_000);

        assertThat(stopping.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(queuedRan).hasValue(0);
    }
}
