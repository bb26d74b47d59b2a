package com.aipasta.projections.file;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.event.FileDeletedEvent;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FileProjectionTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final FileLibraryId LIBRARY = FileLibraryId.of(OWNER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final FileUploadedEvent PHOTO = uploaded(1, "photo.png", "image/png", 600);
    private static final FileUploadedEvent REPORT = uploaded(2, "report.pdf", "application/pdf", 300);

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private FileProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        projection = new FileProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static FileUploadedEvent uploaded(int n, String name, String type, long size) {
        return new FileUploadedEvent(LIBRARY, OWNER, new FileId(FileId.PREFIX + "%032x".formatted(n)), name, type,
                size, "sha-" + n, "gridfs", T.plusSeconds(n));
    }

    private static FileDeletedEvent deleted(FileUploadedEvent file) {
        return new FileDeletedEvent(LIBRARY, OWNER, file.fileId(), file.size(), file.storage(), T.plusSeconds(60));
    }

    private FileUsageDocument usage() {
        return mongo.findById(OWNER.value(), FileUsageDocument.class);
    }

    @Test
    void uploadsAndDeletionsMoveTheFilesAndTheirUsage() {
        projection.on(PHOTO, 0);
        projection.on(REPORT, 1);
        projection.on(deleted(PHOTO), 2);

        assertThat(mongo.findAll(FileDocument.class)).singleElement().satisfies(file -> {
            assertThat(file.id()).isEqualTo(REPORT.fileId().value());
            assertThat(file.typeGroup()).isEqualTo("application");
            assertThat(file.createdAt()).isEqualTo(REPORT.uploadedAt());
        });
        assertThat(usage()).isEqualTo(new FileUsageDocument(OWNER.value(), 1, 300, 2));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projection.on(PHOTO, 0);
        projection.on(REPORT, 1);
        projection.on(deleted(PHOTO), 2);

        projection.on(PHOTO, 0);
        projection.on(REPORT, 1);
        projection.on(deleted(PHOTO), 2);

        assertThat(mongo.findAll(FileDocument.class)).extracting(FileDocument::id)
                .containsExactly(REPORT.fileId().value());
        assertThat(usage()).isEqualTo(new FileUsageDocument(OWNER.value(), 1, 300, 2));
    }

    @Test
    void aDeletedAccountsFilesGoAndItsLibrarysLaterDeletionsFindNothing() {
        projection.on(PHOTO, 0);
        projection.on(REPORT, 1);

        projection.on(new UserDeletedEvent(OWNER, new UserId("admin"), T));
        projection.on(deleted(PHOTO), 2);
        projection.on(deleted(REPORT), 3);

        assertThat(mongo.findAll(FileDocument.class)).isEmpty();
        assertThat(mongo.findAll(FileUsageDocument.class)).isEmpty();
    }

    @Test
    void aResetClearsWhatItOwns() {
        projection.on(PHOTO, 0);

        projection.reset();

        assertThat(mongo.findAll(FileDocument.class)).isEmpty();
        assertThat(mongo.findAll(FileUsageDocument.class)).isEmpty();
    }
}
