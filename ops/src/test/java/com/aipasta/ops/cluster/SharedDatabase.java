package com.aipasta.ops.cluster;

import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** The embedded MongoDB-wire server on its own, for several platform nodes to share as they would a MongoDB. */
public final class SharedDatabase implements AutoCloseable {

    private final IndexedH2Backend backend;
    private final MongoServer server;

    public SharedDatabase(Path directory) {
        backend = IndexedH2Backend.open(directory.resolve("cluster.mv.db").toString(), 64, Duration.ofMillis(100));
        server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/cluster";
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
