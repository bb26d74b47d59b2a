package com.aipasta.ops.storage;

import com.aipasta.ops.storage.embedded.EventAgeLimit;
import com.aipasta.ops.storage.embedded.IndexedH2Backend;
import de.bwaldvogel.mongo.MongoServer;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The embedded MongoDB-wire server: the file {@code aipasta.mv.db} in the data directory, served on loopback. While it
 * runs, the address it serves on is written beside the file, so that the ops CLI and a platform given the same
 * directory connect to it instead of opening the file, which one process holds at a time. It refuses events that
 * reach it too late for the event stream's readers ({@link EventAgeLimit}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String FILE = "aipasta.mv.db";
    static final String ADDRESS_FILE = "embedded-mongo.address";

    private final IndexedH2Backend backend;
    private final MongoServer server;
    private final Path addressFile;

    private EmbeddedDatabase(IndexedH2Backend backend, MongoServer server, Path addressFile) {
        this.backend = backend;
        this.server = server;
        this.addressFile = addressFile;
    }

    /**
     * Opens the file in {@code properties.dataDir()} and serves it on {@code port} (0 for any free one).
     *
     * @throws MVStoreException when another process holds the file
     */
    public static EmbeddedDatabase serve(DatabaseProperties properties, int port) {
        Path file = properties.dataDir().toAbsolutePath().resolve(FILE);
        OwnerOnly.createDirectory(file.getParent());
        OwnerOnly.createFile(file);
        IndexedH2Backend backend = IndexedH2Backend.open(file.toString(), properties.embeddedCacheSize(),
                properties.embeddedCommitDelay());
        backend.refuseLateEvents(new EventAgeLimit(StorageConfiguration.EVENTS,
                EventEntryConfiguration.getDefault().timestampProperty(), properties.eventLookBack().dividedBy(2),
                Clock.systemUTC()));
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (RuntimeException portTaken) {
            backend.close();
            throw portTaken;
        }
        log.info("Started the embedded MongoDB-wire server on {} with data in {}", server.getLocalAddress(), file);
        Path addressFile = file.getParent().resolve(ADDRESS_FILE);
        EmbeddedDatabase database = new EmbeddedDatabase(backend, server, addressFile);
        try {
            OwnerOnly.createFile(addressFile);
            Files.writeString(addressFile, database.host());
            OwnerOnly.restrictTree(file.getParent());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not write {}; the ops CLI cannot reach this database while it runs", addressFile);
        }
        return database;
    }

    /** Where a running process serves the file in {@code dataDir}, as it wrote it; empty if it did not. */
    static Optional<String> servedAt(Path dataDir) {
        try {
            return Optional.of(Files.readString(dataDir.toAbsolutePath().resolve(ADDRESS_FILE)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code host:port} on loopback. */
    public String host() {
        return "127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
        try {
            Files.deleteIfExists(addressFile);
        } catch (IOException e) {
            log.warn("Could not delete {}", addressFile);
        }
    }
}
