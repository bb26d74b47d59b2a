package com.aipasta.ops.cluster;

import com.aipasta.ops.storage.DatabaseProperties;
import com.aipasta.ops.storage.EmbeddedDatabase;

import java.nio.file.Path;
import java.time.Duration;

/** The embedded MongoDB-wire server on its own, for several platform nodes to share as they would a MongoDB. */
public final class SharedDatabase implements AutoCloseable {

    private final EmbeddedDatabase database;

    public SharedDatabase(Path directory) {
        database = EmbeddedDatabase.serve(new DatabaseProperties("", "cluster", directory, 0, Duration.ofMillis(100),
                64, Duration.ofSeconds(5), Duration.ofSeconds(10)), 0);
    }

    public String uri() {
        return "mongodb://" + database.host() + "/cluster";
    }

    @Override
    public void close() {
        database.close();
    }
}
