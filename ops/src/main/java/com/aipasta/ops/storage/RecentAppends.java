package com.aipasta.ops.storage;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The tenths of a second in which this process appended events, and how many, over the last {@code size} of them:
 * when the oldest event a processor has not handled yet was appended, so its wait is measured from then, not from the
 * last event it handled, which after a quiet spell may be minutes older; and how many events it has still to handle.
 */
final class RecentAppends {

    static final Duration TICK = Duration.ofMillis(100);
    private static final long TICK_MILLIS = TICK.toMillis();
    /** A slot holds its tick plus one (so that an empty slot holds none) above the count of the tick's events. */
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final AtomicLongArray ticks;
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    RecentAppends(int size) {
        ticks = new AtomicLongArray(size);
    }

    void appended(long epochMillis) {
        long tick = epochMillis / TICK_MILLIS;
        ticks.getAndUpdate(slot(tick), held -> {
            long heldTick = tickOf(held);
            if (heldTick == tick) {
                return (held & COUNT_MASK) == COUNT_MASK ? held : held + 1;
            }
            return heldTick > tick ? held : (tick + 1) << COUNT_BITS | 1;
        });
        first.accumulateAndGet(epochMillis, Math::min);
        last.accumulateAndGet(epochMillis, Math::max);
    }

    /** The time of the oldest event this process appended, {@link Long#MAX_VALUE} before its first. */
    long firstMillis() {
        return first.get();
    }

    /**
     * What was appended after a position, up to {@code nowMillis}, of the ticks kept.
     *
     * @param sinceMillis the start of the first tick after the one of the position in which an event was appended;
     *                    empty when there was none. When the events after the position are all older than the ticks
     *                    kept, the position itself: they have waited at least since then
     * @param count       how many events were appended in those ticks: about as many as a processor at that position
     *                    has still to read
     */
    record Unhandled(OptionalLong sinceMillis, long count) {
    }

    Unhandled after(long positionMillis, long nowMillis) {
        long to = nowMillis / TICK_MILLIS;
        long from = keptFrom(positionMillis, to);
        long count = 0;
        OptionalLong since = OptionalLong.empty();
        for (long tick = from; tick <= to; tick++) {
            long held = ticks.get(slot(tick));
            if (tickOf(held) == tick) {
                count += held & COUNT_MASK;
                if (since.isEmpty()) {
                    since = OptionalLong.of(tick * TICK_MILLIS);
                }
            }
        }
        long lastTick = last.get() / TICK_MILLIS;
        if (since.isEmpty() && lastTick > positionMillis / TICK_MILLIS && lastTick < from) {
            since = OptionalLong.of(positionMillis);
        }
        return new Unhandled(since, count);
    }

    /** The first tick after the one of {@code positionMillis}, or the oldest one kept up to {@code to}. */
    private long keptFrom(long positionMillis, long to) {
        return Math.max(positionMillis / TICK_MILLIS + 1, to - ticks.length() + 1);
    }

    private static long tickOf(long held) {
        return (held >>> COUNT_BITS) - 1;
    }

    private int slot(long tick) {
        return (int) Math.floorMod(tick, (long) ticks.length());
    }
}
