package com.aipasta.ops.storage;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The tenths of a second in which this process appended events, over the last {@code size} of them: when the oldest
 * event a processor has not handled yet was appended, so its wait is measured from then, not from the last event it
 * handled, which after a quiet spell may be minutes older.
 */
final class RecentAppends {

    static final Duration TICK = Duration.ofMillis(100);
    private static final long TICK_MILLIS = TICK.toMillis();

    private final AtomicLongArray ticks;
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);

    RecentAppends(int size) {
        ticks = new AtomicLongArray(size);
    }

    void appended(long epochMillis) {
        long tick = epochMillis / TICK_MILLIS;
        ticks.set(slot(tick), tick + 1);
        first.accumulateAndGet(epochMillis, Math::min);
    }

    /** The time of the oldest event this process appended, {@link Long#MAX_VALUE} before its first. */
    long firstMillis() {
        return first.get();
    }

    /**
     * The start of the first tick after the one of {@code positionMillis} in which an event was appended, up to
     * {@code nowMillis}; empty when there was none. A position older than the ticks kept answers itself: its events
     * have waited at least since then.
     */
    OptionalLong firstAfter(long positionMillis, long nowMillis) {
        long from = positionMillis / TICK_MILLIS + 1;
        long to = nowMillis / TICK_MILLIS;
        if (to - from >= ticks.length()) {
            return OptionalLong.of(positionMillis);
        }
        for (long tick = from; tick <= to; tick++) {
            if (ticks.get(slot(tick)) == tick + 1) {
                return OptionalLong.of(tick * TICK_MILLIS);
            }
        }
        return OptionalLong.empty();
    }

    private int slot(long tick) {
        return (int) Math.floorMod(tick, (long) ticks.length());
    }
}
