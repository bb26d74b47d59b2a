package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.StoredFile;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uploads through a real command bus and event store, to stores that keep bytes in memory. */
class FileUploadsTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final FilesProperties PROPERTIES = new FilesProperties(List.of("text/plain", "image/png"),
            DataSize.ofBytes(1000), Map.of("free", DataSize.ofBytes(100), "premium", DataSize.ofBytes(1000)), null,
            UPLOAD_TIMEOUT);

    /** Keeps bytes in a map; with {@code failOnWrite} it fails the write of that many-th file after reading some. */
    private static final class MemoryStore implements FileStore {

        final Map<FileId, byte[]> bytes = new ConcurrentHashMap<>();
        private final int failOnWrite;
        private int writes;

        MemoryStore(int failOnWrite) {
            this.failOnWrite = failOnWrite;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void write(FileId fileId, Content content, long size, String type) throws IOException {
            try (InputStream in = content.open()) {
                if (++writes == failOnWrite) {
                    in.readNBytes(3);
                    throw new IOException("the store went away");
                }
                bytes.put(fileId, in.readAllBytes());
            }
        }

        @Override
        public InputStream read(FileId fileId) {
            return new ByteArrayInputStream(bytes.get(fileId));
        }

        @Override
        public void delete(FileId fileId) {
            bytes.remove(fileId);
        }
    }

    private final InMemoryEventStorageEngine events = new InMemoryEventStorageEngine();
    private Configuration axon;
    private MongoServer mongoServer;
    private MongoClient mongo;
    private PendingUploads pending;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> events)
                .configureAggregate(FileLibrary.class)
                .registerComponent(Clock.class, configuration -> Clock.fixed(NOW, ZoneOffset.UTC))
                .buildConfiguration();
        axon.start();
        mongoServer = new MongoServer(new MemoryBackend());
        mongo = MongoClients.create(mongoServer.bindAndGetConnectionString());
        pending = new PendingUploads(mongo.getDatabase("uploads-test"));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
        mongo.close();
        mongoServer.shutdownNow();
    }

    private FileUploads uploads(MemoryStore store) {
        return new FileUploads(PROPERTIES, new FileTypes(), new FileStores(store), pending, axon.commandGateway());
    }

    private long pendingUploads() {
        return mongo.getDatabase("uploads-test").getCollection(PendingUploads.COLLECTION).countDocuments();
    }

    private UnrecordedBytesSweep sweepAt(Instant now, MemoryStore store) {
        return new UnrecordedBytesSweep(pending, new LibraryFiles(events), new FileStores(store), PROPERTIES,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<Object> libraryEvents() {
        return axon.eventStore().readEvents(FileLibraryId.of(OWNER).value()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static MultipartFile text(String name, String content) {
        return new MockMultipartFile("files", name, "text/plain", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storedFilesAreRecordedWithTheirDigestsAndTheStoreThatHoldsThem() throws Exception {
        MemoryStore store = new MemoryStore(0);

        List<StoredFile> stored = uploads(store).upload(OWNER, "free", List.of(text("a.txt", "alpha")), null, NOW);

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("alpha".getBytes(StandardCharsets.UTF_8))));
        assertThat(store.bytes.get(stored.get(0).fileId())).isEqualTo("alpha".getBytes(StandardCharsets.UTF_8));
        assertThat(pendingUploads()).isZero();
        assertThat(libraryEvents()).singleElement().isInstanceOfSatisfying(FileUploadedEvent.class, event -> {
            assertThat(event.storage()).isEqualTo("memory");
            assertThat(event.type()).isEqualTo("text/plain");
            assertThat(event.uploadedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aFailedByteWriteLeavesNoUploadEventAndNoBytes() {
        MemoryStore store = new MemoryStore(2);

        assertThatThrownBy(() -> uploads(store).upload(OWNER, "free",
                List.of(text("a.txt", "alpha"), text("b.txt", "beta")), null, NOW))
                .hasStackTraceContaining("the store went away");

        assertThat(libraryEvents()).isEmpty();
        assertThat(store.bytes).isEmpty();
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void filesTheLibraryRefusesLeaveNoBytes() {
        MemoryStore store = new MemoryStore(0);
        uploads(store).upload(OWNER, "free", List.of(text("a.txt", "x".repeat(60))), null, NOW);

        assertThatThrownBy(() -> uploads(store).upload(OWNER, "free", List.of(text("b.txt", "y".repeat(41))), null,
                NOW))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_QUOTA_EXCEEDED));

        assertThat(store.bytes).hasSize(1);
        assertThat(libraryEvents()).hasSize(1);
        assertThat(pendingUploads()).isZero();
        assertThat(uploads(store).upload(OWNER, "premium", List.of(text("b.txt", "y".repeat(41))), null, NOW))
                .hasSize(1);
    }

    @Test
    void aFileOfARefusedTypeStopsTheWholeUploadBeforeAnyWrite() {
        MemoryStore store = new MemoryStore(0);
        MultipartFile pdf = new MockMultipartFile("files", "notes.txt", "text/plain",
                "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> uploads(store).upload(OWNER, "free", List.of(text("a.txt", "alpha"), pdf), null,
                NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE);
                    assertThat(e.details()).containsEntry("detectedType", "application/pdf");
                });

        assertThat(store.bytes).isEmpty();
        assertThat(libraryEvents()).isEmpty();
    }

    @Test
    void anUploadArrivingAfterItsDeadlineIsRefusedAndLeavesNoBytes() {
        MemoryStore store = new MemoryStore(0);
        Instant tooLongAgo = NOW.minus(UPLOAD_TIMEOUT).minusSeconds(1);

        assertThatThrownBy(() -> uploads(store).upload(OWNER, "free", List.of(text("a.txt", "alpha")), null,
                tooLongAgo))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        assertThat(store.bytes).isEmpty();
        assertThat(libraryEvents()).isEmpty();
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void bytesAStoppedProcessLeftUnrecordedAreDeletedOnceTheirDeadlineIsPastAndRecordedFilesAreKept()
            throws IOException {
        MemoryStore store = new MemoryStore(0);
        StoredFile recorded = uploads(store).upload(OWNER, "free", List.of(text("kept.txt", "kept")), null, NOW)
                .get(0);
        Instant recordBy = NOW.plus(UPLOAD_TIMEOUT);
        // stopped after the command, before the upload was marked ended
        pending.begin(new PendingUploads.Pending(recorded.fileId(), OWNER, "memory", recordBy));
        // stopped after the write, before the command
        FileId orphan = new FileId(FileId.PREFIX + "0123456789abcdef0123456789abcdef");
        pending.begin(new PendingUploads.Pending(orphan, OWNER, "memory", recordBy));
        store.write(orphan, () -> new ByteArrayInputStream(new byte[]{1, 2, 3}), 3, "text/plain");
        // still being uploaded
        FileId young = new FileId(FileId.PREFIX + "fedcba9876543210fedcba9876543210");
        pending.begin(new PendingUploads.Pending(young, OWNER, "memory", recordBy.plus(UPLOAD_TIMEOUT)));
        store.write(young, () -> new ByteArrayInputStream(new byte[]{4}), 1, "text/plain");

        sweepAt(recordBy.plus(UPLOAD_TIMEOUT).minusSeconds(1), store).sweep();

        assertThat(store.bytes).containsOnlyKeys(recorded.fileId(), orphan, young);
        assertThat(pendingUploads()).isEqualTo(3);

        sweepAt(recordBy.plus(UPLOAD_TIMEOUT).plusSeconds(1), store).sweep();

        assertThat(store.bytes).containsOnlyKeys(recorded.fileId(), young);
        assertThat(pendingUploads()).isEqualTo(1);
        assertThat(libraryEvents()).hasSize(1);
    }
}
