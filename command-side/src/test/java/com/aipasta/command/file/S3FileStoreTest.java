package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store against an S3-compatible server over HTTP, not a stand-in for the SDK. */
class S3FileStoreTest {

    private static S3MockServer server;
    private static S3FileStore store;

    @BeforeAll
    static void start() throws Exception {
        server = S3MockServer.start();
        store = new S3FileStore(server.properties(S3MockServer.BUCKET));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static FileId newFileId() {
        return new FileId(FileId.PREFIX + UUID.randomUUID().toString().replace("-", ""));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }

    @Test
    void bytesComeBackWholeAndGoWhenDeleted() throws IOException {
        FileId fileId = newFileId();
        byte[] bytes = randomBytes(700 * 1024);

        store.write(fileId, () -> new ByteArrayInputStream(bytes), bytes.length, "application/pdf");

        try (InputStream read = store.read(fileId)) {
            assertThat(read.readAllBytes()).isEqualTo(bytes);
        }
        store.delete(fileId);
        assertThatThrownBy(() -> store.read(fileId)).isInstanceOf(FileNotFoundException.class);
        store.delete(fileId);
    }

    @Test
    void aWriteThatFailsPartWayLeavesNoObject() {
        FileId fileId = newFileId();
        FileStore.Content failing = () -> new SequenceInputStream(
                new ByteArrayInputStream(randomBytes(300 * 1024)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                });

        assertThatThrownBy(() -> store.write(fileId, failing, 600 * 1024, "text/plain"))
                .isInstanceOf(IOException.class);

        assertThatThrownBy(() -> store.read(fileId)).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void aBucketThatIsNotThereFailsTheWrite() {
        try (S3FileStore missing = new S3FileStore(server.properties("no-such-bucket"))) {
            assertThatThrownBy(() -> missing.write(newFileId(), () -> new ByteArrayInputStream(new byte[10]), 10,
                    "text/plain")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anUploadToS3IsRecordedAsStoredThere() throws IOException {
        Instant now = Instant.parse("2026-05-01T09:00:00Z");
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureAggregate(FileLibrary.class)
                .registerComponent(Clock.class, configuration -> Clock.fixed(now, ZoneOffset.UTC))
                .buildConfiguration();
        axon.start();
        MongoServer mongoServer = new MongoServer(new MemoryBackend());
        try (MongoClient mongo = MongoClients.create(mongoServer.bindAndGetConnectionString())) {
            UserId owner = new UserId("user-s3");
            FilesProperties properties = new FilesProperties(List.of("text/plain"), DataSize.ofKilobytes(10),
                    Map.of("free", DataSize.ofKilobytes(10)), server.properties(S3MockServer.BUCKET), null);
            FileUploads uploads = new FileUploads(properties, new FileTypes(), new FileStores(store),
                    new PendingUploads(mongo.getDatabase("s3-test")), axon.commandGateway());

            StoredFile stored = uploads.upload(owner, "free", List.of(new MockMultipartFile("files", "memo.txt",
                    "text/plain", "Meet at noon".getBytes())), null, now).get(0);

            assertThat(stored.storage()).isEqualTo("s3");
            try (InputStream read = store.read(stored.fileId())) {
                assertThat(read.readAllBytes()).isEqualTo("Meet at noon".getBytes());
            }
            assertThat(axon.eventStore().readEvents(FileLibraryId.of(owner).value()).asStream()
                    .map(EventMessage::getPayload))
                    .singleElement().isInstanceOfSatisfying(FileUploadedEvent.class,
                            event -> assertThat(event.storage()).isEqualTo("s3"));
        } finally {
            axon.shutdown();
            mongoServer.shutdownNow();
        }
    }
}
