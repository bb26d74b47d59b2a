package com.aipasta.ops.storage;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that read the event store for its processors, kept so that a store shutting down can wait for the reads
 * under way: the database connection is closed right after the store, and a read that outlived it failed and was
 * logged with its stack trace, at a stop under load.
 */
final class ReaderThreads {

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /**
     * Daemon threads named {@code name-0}, {@code name-1}…, each kept until its task ends, at the processors' low
     * priority (see {@code StorageConfiguration}).
     */
    ThreadFactory named(String name) {
        AtomicInteger started = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    running.remove(Thread.currentThread());
                }
            }, name + "-" + started.getAndIncrement());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            running.add(thread);
            return thread;
        };
    }

    /** Waits at most {@code limit} in all for every thread made so far to end; false if one was still running. */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return running.isEmpty();
            }
            thread.join(Math.max(1, left / 1_000_000));
        }
        return running.stream().noneMatch(Thread::isAlive);
    }
}
