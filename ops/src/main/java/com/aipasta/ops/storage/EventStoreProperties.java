package com.aipasta.ops.storage;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Event store and event processing settings.
 *
 * @param processorBatchSize     events a read model handles per batch ({@code EVENT_PROCESSOR_BATCH_SIZE});
 *                               policies take one event at a time whatever this says
 * @param readBatchSize          events one read of the event store fetches ({@code EVENT_STORE_READ_BATCH_SIZE}), for
 *                               event processors and aggregate loads alike
 * @param cachedEvents           the newest events the event store keeps in memory for the processors reading at the
 *                               head of the stream, which share one read of it ({@code EVENT_STORE_CACHED_EVENTS});
 *                               a processor that falls further behind reads the stream alone until it reaches the
 *                               head, at several times the cost an event, so this should cover what this node
 *                               appends in {@code READ_MODEL_MAX_LAG} at its busiest
 * @param processorThreads       threads and segments of each event processor ({@code EVENT_PROCESSOR_THREADS});
 *                               events of one aggregate always go to the same segment, in order
 * @param processorsAutoStart    whether event processors start with the application; the ops CLI starts only
 *                               those it replays
 * @param sizeWarningThreshold   events beyond which start-up warns that the embedded server is too small
 *                               ({@code EVENT_STORE_WARN_EVENTS})
 * @param handlerAttempts        how often a read model's handler is tried on one event before the event is parked
 *                               ({@code READ_MODEL_HANDLER_ATTEMPTS})
 * @param handlerRetryPause      the pause before the second attempt, doubled before each further one
 *                               ({@code READ_MODEL_HANDLER_RETRY_PAUSE})
 * @param readDelay              how long after an append the processors' shared reader reads it, so that appends
 *                               close together reach each processor in one batch; a request waiting to read its own
 *                               write has it read at once ({@code EVENT_STORE_READ_DELAY})
 * @param tokenStoreInterval     how often at most a busy processor stores its token ({@code EVENT_PROCESSOR_TOKEN_INTERVAL});
 *                               after a crash, at most this long of events is handled again
 */
@Validated
@ConfigurationProperties("aipasta.events")
public record EventStoreProperties(@DefaultValue("100") @Min(1) int processorBatchSize,
                                   @DefaultValue("500") @Min(1) int readBatchSize,
                                   @DefaultValue("30000") @Min(1) int cachedEvents,
                                   @DefaultValue("1") @Min(1) int processorThreads,
                                   @DefaultValue("true") boolean processorsAutoStart,
                                   @DefaultValue("200000") @Min(1) long sizeWarningThreshold,
                                   @DefaultValue("3") @Min(1) int handlerAttempts,
                                   @DefaultValue("100ms") @NotNull Duration handlerRetryPause,
                                   @DefaultValue("100ms") @NotNull Duration readDelay,
                                   @DefaultValue("1s") @NotNull Duration tokenStoreInterval) {
}
