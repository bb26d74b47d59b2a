package com.aipasta.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Whether the event store and the read store answer. It is also the actuator's database health check, since
 * Spring Boot's own MongoDB check uses a command the embedded server does not know.
 */
@Component("stores")
public class StoreHealth implements HealthIndicator {

    public record StoreStatus(String status, Long documents, String error) {
    }

    public record Report(String status, StoreStatus eventStore, StoreStatus readStore, Instant time) {

        public boolean up() {
            return eventStore.error() == null && readStore.error() == null;
        }
    }

    private final org.axonframework.extensions.mongo.MongoTemplate eventStore;
    private final MongoTemplate readStore;
    private final Clock clock;

    public StoreHealth(org.axonframework.extensions.mongo.MongoTemplate eventStore, MongoTemplate readStore,
                       Clock clock) {
        this.eventStore = eventStore;
        this.readStore = readStore;
        this.clock = clock;
    }

    public Report check() {
        StoreStatus events = probe(() -> eventStore.eventCollection().estimatedDocumentCount());
        StoreStatus reads = probe(() -> {
            readStore.executeCommand("{ ping: 1 }");
            return readStore.getCollection("users").estimatedDocumentCount();
        });
        boolean up = events.error() == null && reads.error() == null;
        return new Report(up ? "ok" : "down", events, reads, clock.instant());
    }

    @Override
    public Health health() {
        Report report = check();
        return (report.up() ? Health.up() : Health.down())
                .withDetail("eventStore", report.eventStore())
                .withDetail("readStore", report.readStore())
                .build();
    }

    private static StoreStatus probe(LongSupplier count) {
        try {
            return new StoreStatus("up", count.getAsLong(), null);
        } catch (RuntimeException e) {
            return new StoreStatus("down", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
