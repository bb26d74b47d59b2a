package com.aipasta.ops;

import com.aipasta.command.chat.turn.TurnAdmission;
import com.aipasta.ops.projection.Projections;
import com.aipasta.ops.storage.DatabaseConnection;
import com.mongodb.client.model.Filters;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the platform runs: the event store, every event processor's position and lag, the hold on new turns, the JVM and
 * the database.
 */
@RestController
public class AdminSystemController {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    public record EventStore(long events, long eventsLastMinute, double eventsPerSecond) {
    }

    public record Jvm(String javaVersion, int processors, long heapUsedBytes, long heapMaxBytes, int threads,
                      long uptimeSeconds) {
    }

    public record Database(String kind, StoreHealth.Report health) {
    }

    public record SystemReport(EventStore eventStore, List<Projections.Status> processors,
                               TurnAdmission.Report turnHold, Jvm jvm, Database database, Instant time) {
    }

    private final MongoTemplate eventStore;
    private final Projections projections;
    private final StoreHealth storeHealth;
    private final DatabaseConnection connection;
    private final TurnAdmission admission;
    private final Clock clock;

    public AdminSystemController(MongoTemplate eventStore, Projections projections, StoreHealth storeHealth,
                                 DatabaseConnection connection, TurnAdmission admission, Clock clock) {
        this.eventStore = eventStore;
        this.projections = projections;
        this.storeHealth = storeHealth;
        this.connection = connection;
        this.admission = admission;
        this.clock = clock;
    }

    @GetMapping("/api/admin/system")
    public SystemReport system() {
        Instant now = clock.instant();
        long recent = eventStore.eventCollection().countDocuments(Filters.gte("timestamp",
                DateTimeUtils.formatInstant(now.minus(RATE_WINDOW))));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Runtime runtime = Runtime.getRuntime();
        return new SystemReport(
                new EventStore(projections.eventCount(), recent, recent / (double) RATE_WINDOW.toSeconds()),
                projections.processorStatuses(),
                admission.report(),
                new Jvm(System.getProperty("java.version"), runtime.availableProcessors(), heap.getUsed(),
                        heap.getMax(), ManagementFactory.getThreadMXBean().getThreadCount(),
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000),
                new Database(connection.isEmbedded() ? "embedded" : "mongodb", storeHealth.check()),
                now);
    }
}
