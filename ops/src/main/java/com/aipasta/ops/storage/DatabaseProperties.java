package com.aipasta.ops.storage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the event store and the read models live.
 *
 * @param uri                 a MongoDB connection string ({@code MONGODB_URI}); when blank an embedded
 *                            MongoDB-wire server is started on loopback, persisting under {@code dataDir}
 * @param database            the database name when the URI names none ({@code MONGODB_DATABASE})
 * @param dataDir             the data directory ({@code DATA_DIR})
 * @param embeddedPort        loopback port of the embedded server, 0 for any free one ({@code EMBEDDED_MONGO_PORT})
 * @param embeddedCommitDelay how often the embedded server flushes to its file ({@code EMBEDDED_COMMIT_DELAY})
 * @param embeddedCacheSize   megabytes of the embedded file's pages kept in memory ({@code EMBEDDED_CACHE_SIZE})
 * @param serverSelectionTimeout how long a request waits for an unreachable database before failing
 * @param eventLookBack       how far back a tracking read of the event stream looks for events committed after
 *                            newer ones ({@code EVENT_STORE_LOOK_BACK}): events are ordered by the time they were
 *                            created, so one whose commit took longer than this after its creation would never be
 *                            seen by projections and policies, and the embedded server refuses an event that reaches
 *                            it more than half of that after it was created (see
 *                            {@link com.aipasta.ops.storage.embedded.EventAgeLimit}); longer windows make tracking
 *                            tokens larger
 */
@Validated
@ConfigurationProperties("aipasta.mongo")
public record DatabaseProperties(@DefaultValue("") String uri,
                                 @DefaultValue("aipasta") @NotBlank String database,
                                 @DefaultValue("./data") @NotNull Path dataDir,
                                 @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort,
                                 @DefaultValue("100ms") @NotNull Duration embeddedCommitDelay,
                                 @DefaultValue("128") @Min(1) int embeddedCacheSize,
                                 @DefaultValue("5s") @NotNull Duration serverSelectionTimeout,
                                 @DefaultValue("10s") @NotNull Duration eventLookBack) {

    public boolean embedded() {
        return uri.isBlank();
    }
}
