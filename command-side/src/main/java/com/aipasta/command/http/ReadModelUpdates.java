package com.aipasta.command.http;

import org.springframework.stereotype.Component;

/**
 * Wakes the readers waiting for a read model when an event processor of this process has committed events of
 * the aggregate they wait for, so that waiting costs no polling while nothing changes and a commit wakes only
 * the readers of that aggregate (and of the few others that share its stripe). Readers still look again at
 * least every {@code maxPause}, for changes made by other processes. A reader about to wait asks for the events not
 * yet read to be read now ({@link #whenAwaited}), where the event store would otherwise read them a little later.
 */
@Component
public class ReadModelUpdates {

    private static final int STRIPES = 1024;

    private static final class Signal {
        private long updates;
    }

    private final Signal[] signals = new Signal[STRIPES];
    private volatile Runnable readNow = () -> { };

    public ReadModelUpdates() {
        for (int i = 0; i < STRIPES; i++) {
            signals[i] = new Signal();
        }
    }

    /** {@code readNow}: what makes the event processors read the events appended so far without delay. */
    public void whenAwaited(Runnable readNow) {
        this.readNow = readNow;
    }

    public void changed(String aggregateId) {
        Signal signal = signalOf(aggregateId);
        synchronized (signal) {
            signal.updates++;
            signal.notifyAll();
        }
    }

    public long seen(String aggregateId) {
        Signal signal = signalOf(aggregateId);
        synchronized (signal) {
            return signal.updates;
        }
    }

    /** Returns once the aggregate had an update after {@code seen}, or after {@code maxPauseMillis}. */
    public void awaitUpdateAfter(String aggregateId, long seen, long maxPauseMillis) throws InterruptedException {
        readNow.run();
        Signal signal = signalOf(aggregateId);
        long deadline = System.currentTimeMillis() + maxPauseMillis;
        synchronized (signal) {
            for (long left = maxPauseMillis; signal.updates == seen && left > 0;
                 left = deadline - System.currentTimeMillis()) {
                signal.wait(left);
            }
        }
    }

    private Signal signalOf(String aggregateId) {
        return signals[Math.floorMod(aggregateId.hashCode(), STRIPES)];
    }
}
