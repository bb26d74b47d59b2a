package com.aipasta.ops.projection;

import com.aipasta.ops.PlatformRole;
import com.aipasta.ops.storage.EventStoreProperties;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Which nodes project the read models. A query node always does, and says so in {@code platform_nodes} five times per
 * {@code QUERY_NODE_TIMEOUT}; a command node projects them only while no query node has said so within that time, so
 * that with query nodes up the command nodes spend nothing on the read models (their answers read what the query
 * nodes project), and with none up a command node still answers every endpoint. A command node that starts projecting
 * stops again once a query node is seen, releasing the segments for it to claim. An all-in-one node always projects.
 */
@Component
public class ProjectionPlacement {

    private static final String COLLECTION = "platform_nodes";
    private static final String ROLE = "role";
    private static final String SEEN_AT = "seenAt";
    private static final String QUERY_ROLE = "query";
    /** How long a query node killed outright leaves its entry behind before another query node clears it. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(ProjectionPlacement.class);

    private final PlatformRole role;
    private final boolean processorsStart;
    private final MongoTemplate mongo;
    private final EventProcessingConfiguration processing;
    private final TaskScheduler scheduler;
    private final Duration timeout;
    private final Clock clock;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledFuture<?> beat;
    private Boolean projecting;
    private CompletableFuture<?> stopping = CompletableFuture.completedFuture(null);

    public ProjectionPlacement(PlatformRole role, EventStoreProperties events, MongoTemplate mongo,
                               EventProcessingConfiguration processing, TaskScheduler taskScheduler,
                               @Value("${aipasta.query-node-timeout}") Duration timeout, Clock clock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("QUERY_NODE_TIMEOUT must be longer than zero, not " + timeout);
        }
        this.role = role;
        this.processorsStart = events.processorsAutoStart();
        this.mongo = mongo;
        this.processing = processing;
        this.scheduler = taskScheduler;
        this.timeout = timeout;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void begin() {
        if (!processorsStart || role == PlatformRole.ALL) {
            return;
        }
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on(ROLE, Sort.Direction.ASC).on(SEEN_AT, Sort.Direction.ASC));
        Runnable task = role == PlatformRole.QUERY ? this::announce : this::place;
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                log.warn("Could not {}: {}", role == PlatformRole.QUERY ? "announce this query node"
                        : "look for query nodes", failure.toString());
            }
        };
        guarded.run();
        beat = scheduler.scheduleWithFixedDelay(guarded, timeout.dividedBy(5));
    }

    /** A query node stopping says so first, so that a command node takes the read models over at once. */
    @EventListener(ContextClosedEvent.class)
    public synchronized void end() {
        if (beat == null) {
            return;
        }
        beat.cancel(false);
        beat = null;
        if (role == PlatformRole.QUERY) {
            mongo.remove(Query.query(Criteria.where("_id").is(nodeId)), COLLECTION);
        }
    }

    private void announce() {
        Instant now = clock.instant();
        mongo.upsert(Query.query(Criteria.where("_id").is(nodeId)),
                new Update().set(ROLE, QUERY_ROLE).set(SEEN_AT, Date.from(now)), COLLECTION);
        mongo.remove(Query.query(Criteria.where(ROLE).is(QUERY_ROLE).and(SEEN_AT)
                .lt(Date.from(now.minus(FORGOTTEN_AFTER)))), COLLECTION);
    }

    /**
     * Starts or stops the read models as the query nodes say, at every beat, so that one started here by other means
     * (a replay sent to this node) goes back to the query nodes too.
     */
    private synchronized void place() {
        boolean queryNodeUp = mongo.exists(Query.query(Criteria.where(ROLE).is(QUERY_ROLE).and(SEEN_AT)
                .gte(Date.from(clock.instant().minus(timeout)))), COLLECTION);
        if (projecting == null || projecting == queryNodeUp) {
            log.info(queryNodeUp ? "A query node is up: this command node leaves the read models to the query nodes"
                    : "No query node is up: this command node projects the read models until one is");
        }
        projecting = !queryNodeUp;
        List<StreamingEventProcessor> readModels = Projections.names().stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow())
                .toList();
        if (projecting) {
            stopping.handle((stopped, failure) -> null).join();
            readModels.forEach(StreamingEventProcessor::start);
        } else {
            stopping = CompletableFuture.allOf(readModels.stream().filter(StreamingEventProcessor::isRunning)
                    .map(StreamingEventProcessor::shutdownAsync).toArray(CompletableFuture[]::new));
        }
    }
}
