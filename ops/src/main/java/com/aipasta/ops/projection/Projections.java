package com.aipasta.ops.projection;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.storage.SharedWindowTrackingToken;
import com.mongodb.client.model.Filters;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The read models by processing group, and their replays. A replay resets the group's tracking token, which runs its
 * {@code @ResetHandler} (clearing what it owns), then rebuilds it from the first event while the platform keeps
 * serving. Progress counts the events a processor has handled: those before the millisecond of its position, and
 * those of that millisecond its tracking token holds.
 */
@Component
public class Projections {

    public static final String ALL = "all";
    private static final String READ_MODEL_PACKAGE = "com.aipasta.projections";
    private static final List<String> NAMES = scanReadModels();
    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    public record Progress(long eventsDone, long eventsTotal, double percent, double eventsPerSecond,
                           Long etaSeconds) {
    }

    /**
     * {@code status} is {@code live}, {@code rebuilding} (a replay is under way), {@code catching-up} (behind the
     * head of the event stream) or {@code stopped}; {@code position} is the time of the last event handled.
     */
    public record Status(String name, String status, Instant position, long eventsBehind, Instant replayStartedAt,
                         Progress progress, String error) {

        public boolean rebuilding() {
            return "rebuilding".equals(status);
        }
    }

    private record Replay(Instant startedAt, long eventsTotal) {
    }

    private final EventProcessingConfiguration processing;
    private final MongoTemplate eventStore;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    public Projections(EventProcessingConfiguration processing, MongoTemplate eventStore, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /**
     * The processing groups of the read models, by name: those of the handlers in the read-model package, found
     * without creating them. Sagas and policies are not read models.
     */
    public static List<String> names() {
        return NAMES;
    }

    private static List<String> scanReadModels() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        TreeSet<String> names = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(READ_MODEL_PACKAGE)) {
            try {
                names.add(Class.forName(candidate.getBeanClassName()).getAnnotation(ProcessingGroup.class).value());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(names);
    }

    /** The names {@code name} stands for: itself, or every read model for {@code all}. */
    public List<String> resolve(String name) {
        if (ALL.equals(name)) {
            return names();
        }
        if (!names().contains(name)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such projection: " + name,
                    Map.of("projections", names()));
        }
        return List.of(name);
    }

    /**
     * Starts replaying the named read models and answers at once; the replays go on in their processors. They are all
     * stopped and reset before any starts, so that they start together and share their reads of the stream (see the
     * event store's catch-up reads). A projection already rebuilding refuses the whole request, changing nothing.
     */
    public List<Status> replay(String name) {
        List<String> names = resolve(name);
        for (String projection : names) {
            if (replays.containsKey(projection) && status(projection).rebuilding()) {
                throw new DomainException(ErrorCode.CONFLICT, "The projection " + projection + " is already rebuilding");
            }
        }
        long total = eventCount();
        Set<String> running = names.stream().filter(projection -> processor(projection).isRunning())
                .collect(Collectors.toSet());
        CompletableFuture.allOf(names.stream().map(projection -> processor(projection).shutdownAsync())
                .toArray(CompletableFuture[]::new)).join();
        Set<String> reset = new HashSet<>();
        try {
            for (String projection : names) {
                try {
                    processor(projection).resetTokens();
                } catch (RuntimeException e) {
                    throw new DomainException(ErrorCode.CONFLICT, "The projection " + projection + " cannot be reset "
                            + "here, since another node processes it: " + e.getMessage());
                }
                replays.put(projection, new Replay(clock.instant(), total));
                reset.add(projection);
            }
        } finally {
            for (String projection : names) {
                if (reset.contains(projection) || running.contains(projection)) {
                    processor(projection).start();
                }
                if (reset.contains(projection)) {
                    log.info("Replaying {} over {} events", projection, total);
                }
            }
        }
        return statusesOf(names);
    }

    public List<Status> statuses() {
        return statusesOf(names());
    }

    /** The event store is counted once for all of them: on the embedded server a count scans the collection. */
    private List<Status> statusesOf(List<String> names) {
        long total = eventCount();
        return names.stream().map(name -> status(name, total)).toList();
    }

    /** Every streaming event processor, sagas and policies included. */
    public List<Status> processorStatuses() {
        return statusesOf(processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .sorted()
                .toList());
    }

    /**
     * The event processors that stopped on a failure, with it: a read model's only when its dead-letter queue failed
     * too; a saga or policy whenever a handler fails, since they park nothing and retry until it succeeds.
     */
    public Map<String, String> stoppedProcessors() {
        Map<String, String> stopped = new TreeMap<>();
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> processor.processingStatus().values().stream()
                        .filter(EventTrackerStatus::isErrorState).findFirst()
                        .ifPresent(segment -> stopped.put(processor.getName(), String.valueOf(segment.getError()))));
        return stopped;
    }

    public boolean isRebuilding(String name) {
        return replays.containsKey(name) && status(name).rebuilding();
    }

    public Status status(String name) {
        return status(name, eventCount());
    }

    private Status status(String name, long total) {
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Instant position = segments.values().stream()
                .map(segment -> SharedWindowTrackingToken.positionOf(segment.getTrackingToken()))
                .flatMap(Optional::stream)
                .min(Instant::compareTo).orElse(null);
        String error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError())).findFirst().orElse(null);
        long done = segments.values().stream().mapToLong(this::handled).min().orElse(0);
        // Not Axon's "caught up" flag: a processor raises it a whole event-availability timeout after its last event.
        boolean reported = !segments.isEmpty();
        Replay replay = replays.get(name);
        Progress progress = null;
        String status = !processor.isRunning() ? "stopped" : reported && done >= total ? "live" : "catching-up";
        if (replay != null) {
            progress = progress(replay, done);
            if (!reported || done < replay.eventsTotal()) {
                status = processor.isRunning() ? "rebuilding" : "stopped";
            }
        }
        return new Status(name, status, position, Math.max(0, total - done),
                replay == null ? null : replay.startedAt(), progress, error);
    }

    private Progress progress(Replay replay, long done) {
        long finished = Math.min(done, replay.eventsTotal());
        double seconds = Math.max(0.001, Duration.between(replay.startedAt(), clock.instant()).toMillis() / 1000.0);
        double rate = finished / seconds;
        long left = replay.eventsTotal() - finished;
        Long eta = left == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round(left / rate)) : null;
        double percent = replay.eventsTotal() == 0 ? 100 : 100.0 * finished / replay.eventsTotal();
        return new Progress(finished, replay.eventsTotal(), Math.round(percent * 10) / 10.0,
                Math.round(rate * 10) / 10.0, eta);
    }

    public long eventCount() {
        return eventStore.eventCollection().countDocuments();
    }

    /**
     * The events a segment has handled, exactly: a batch may end within a millisecond, so the events of its position's
     * millisecond count only as far as its token holds them.
     */
    private long handled(EventTrackerStatus segment) {
        TrackingToken token = segment.getTrackingToken();
        return SharedWindowTrackingToken.positionOf(token)
                .map(position -> eventsBefore(position) + SharedWindowTrackingToken.seenAtPositionOf(token))
                .orElse(0L);
    }

    private long eventsBefore(Instant position) {
        return eventStore.eventCollection().countDocuments(Filters.lt("timestamp",
                DateTimeUtils.formatInstant(position)));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such projection: " + name));
    }
}
