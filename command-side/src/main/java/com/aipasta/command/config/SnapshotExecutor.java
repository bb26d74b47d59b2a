package com.aipasta.command.config;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that takes aggregate snapshots. At shutdown it drops the snapshots still queued and lets the one under
 * way finish, so that none reads or writes the event store after its database has closed; a snapshot not taken is
 * asked for again when the aggregate is next loaded past the threshold.
 */
final class SnapshotExecutor extends ThreadPoolExecutor {

    private final Duration finishing;

    SnapshotExecutor(ThreadFactory threads, Duration finishing) {
        super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
        this.finishing = finishing;
    }

    /** Drops the queued snapshots and waits, up to the given time, for the one being taken. */
    public void stop() throws InterruptedException {
        shutdown();
        getQueue().clear();
        awaitTermination(finishing.toMillis(), TimeUnit.MILLISECONDS);
    }
}
