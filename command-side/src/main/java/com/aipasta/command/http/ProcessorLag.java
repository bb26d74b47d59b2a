package com.aipasta.command.http;

import java.time.Duration;

/** How far the event processors of this process have fallen behind the newest event of the stream. */
public interface ProcessorLag {

    /**
     * How long the oldest event that one of the processors has not handled yet has waited: zero when every processor
     * has caught up. Processors still working through the events from before this process, replaying or stopped on
     * a failure do not count.
     */
    Duration behind();
}
