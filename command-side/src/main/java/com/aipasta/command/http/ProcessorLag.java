package com.aipasta.command.http;

import java.time.Duration;

/** How far the event processors of this process have fallen behind the newest event of the stream. */
public interface ProcessorLag {

    /** The lag now. */
    Lag lag();

    /**
     * How far the processor furthest behind is. Processors still working through the events from before this
     * process, replaying or stopped on a failure do not count.
     *
     * @param waited     how long the oldest event that one of the processors has not handled yet has waited: zero
     *                   when every processor has caught up
     * @param events     about how many of the events this process appended that processor has not handled yet
     * @param eventLimit how many it may have left and still read them from the newest events the event store keeps
     *                   in memory, whose one read every processor at the head shares: one further behind reads the
     *                   stream alone until it reaches the head, at several times the cost an event
     */
    record Lag(Duration waited, long events, long eventLimit) {

        /** Whether the processor furthest behind is within {@code maxWait} and within the events kept in memory. */
        public boolean within(Duration maxWait) {
            return waited.compareTo(maxWait) <= 0 && events <= eventLimit;
        }
    }
}
