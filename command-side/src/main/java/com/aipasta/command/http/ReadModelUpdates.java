package com.aipasta.command.http;

import org.springframework.stereotype.Component;

/**
 * Wakes the readers waiting for a read model whenever an event processor of this process has committed what
 * it handled, so that waiting costs no polling while nothing changes. Readers still look again at least every
 * {@code maxPause}, for changes made by other processes.
 */
@Component
public class ReadModelUpdates {

    private long updates;

    public synchronized void changed() {
        updates++;
        notifyAll();
    }

    public synchronized long seen() {
        return updates;
    }

    /** Returns once there was an update after {@code seen}, or after {@code maxPauseMillis}. */
    public synchronized void awaitUpdateAfter(long seen, long maxPauseMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxPauseMillis;
        for (long left = maxPauseMillis; updates == seen && left > 0; left = deadline - System.currentTimeMillis()) {
            wait(left);
        }
    }
}
