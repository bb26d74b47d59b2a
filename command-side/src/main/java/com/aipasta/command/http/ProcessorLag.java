package com.aipasta.command.http;

import java.time.Duration;

/** How far the event processors of this process have fallen behind the newest event of the stream. */
public interface ProcessorLag {

    /**
     * How much older the event that the furthest-behind processor handled last is than the newest event: zero when
     * every processor has caught up. Processors still on their way to the head since they started, replaying or
     * stopped on a failure do not count.
     */
    Duration behind();
}
