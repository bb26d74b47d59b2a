package com.aipasta.ops;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/** Whether the event store and the read store answer; 503 with the same report when one does not. */
@RestController
public class HealthController {

    public record StoreStatus(String status, Long documents, String error) {
    }

    public record HealthReport(String status, StoreStatus eventStore, StoreStatus readStore, Instant time) {
    }

    private final org.axonframework.extensions.mongo.MongoTemplate eventStore;
    private final MongoTemplate readStore;
    private final Clock clock;

    public HealthController(org.axonframework.extensions.mongo.MongoTemplate eventStore, MongoTemplate readStore,
                            Clock clock) {
        this.eventStore = eventStore;
        this.readStore = readStore;
        this.clock = clock;
    }

    @GetMapping("/health")
    public HealthReport health() {
        StoreStatus events = probe(() -> eventStore.eventCollection().estimatedDocumentCount());
        StoreStatus reads = probe(() -> {
            readStore.executeCommand("{ ping: 1 }");
            return readStore.getCollection("users").estimatedDocumentCount();
        });
        boolean up = events.error() == null && reads.error() == null;
        HealthReport report = new HealthReport(up ? "ok" : "down", events, reads, clock.instant());
        if (!up) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "A store is not answering",
                    Map.of("eventStore", events, "readStore", reads));
        }
        return report;
    }

    private static StoreStatus probe(LongSupplier count) {
        try {
            return new StoreStatus("up", count.getAsLong(), null);
        } catch (RuntimeException e) {
            return new StoreStatus("down", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
