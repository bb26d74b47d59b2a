package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.StoredFile;
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
import java.time.Instant;
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
    private static final FilesProperties PROPERTIES = new FilesProperties(List.of("text/plain", "image/png"),
            DataSize.ofBytes(1000), Map.of("free", DataSize.ofBytes(100), "premium", DataSize.ofBytes(1000)), null);

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

    private Configuration axon;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureAggregate(FileLibrary.class)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private FileUploads uploads(MemoryStore store) {
        return new FileUploads(PROPERTIES, new FileTypes(), new FileStores(store), axon.commandGateway());
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
}
