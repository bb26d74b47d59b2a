package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.file.api.command.DeleteAllFilesCommand;
import com.aipasta.file.api.command.DeleteFileCommand;
import com.aipasta.file.api.command.UploadFilesCommand;
import com.aipasta.file.api.event.FileDeletedEvent;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.StoredFile;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class FileLibraryTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final FileLibraryId LIBRARY = FileLibraryId.of(OWNER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RECORD_BY = T.plusSeconds(60);
    private static final StoredFile PHOTO = file(1, "photo.png", "image/png", 600);
    private static final StoredFile REPORT = file(2, "report.pdf", "application/pdf", 300);
    private static final StoredFile NOTES = file(3, "notes.txt", "text/plain", 200);

    private AggregateTestFixture<FileLibrary> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FileLibrary.class);
        fixture.registerInjectableResource(Clock.fixed(RECORD_BY, ZoneOffset.UTC));
    }

    private static StoredFile file(int n, String name, String type, long size) {
        return new StoredFile(new FileId(FileId.PREFIX + "%032x".formatted(n)), name, type, size, "sha-" + n, "gridfs");
    }

    private static FileUploadedEvent uploaded(StoredFile file) {
        return new FileUploadedEvent(LIBRARY, OWNER, file.fileId(), file.name(), file.type(), file.size(),
                file.sha256(), file.storage(), T);
    }

    private static FileDeletedEvent deleted(StoredFile file, Instant at) {
        return new FileDeletedEvent(LIBRARY, OWNER, file.fileId(), file.size(), file.storage(), at);
    }

    private static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new FeatureMatcher<>(Matchers.equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(DomainException refusal) {
                return refusal.code();
            }
        };
    }

    @Test
    void theFirstUploadOpensTheLibraryWithEveryFileSent() {
        fixture.givenNoPriorActivity()
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(PHOTO, REPORT), 1000, T, RECORD_BY))
                .expectEvents(uploaded(PHOTO), uploaded(REPORT));
    }

    @Test
    void filesThatWouldPassTheQuotaTogetherAreAllRefused() {
        fixture.given(uploaded(PHOTO))
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(REPORT, NOTES), 1000, T, RECORD_BY))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.STORAGE_QUOTA_EXCEEDED));
    }

    @Test
    void filesThatFillTheQuotaExactlyAreRecorded() {
        fixture.given(uploaded(PHOTO))
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(REPORT), 900, T, RECORD_BY))
                .expectEvents(uploaded(REPORT));
    }

    @Test
    void aDeletedFileFreesItsBytes() {
        fixture.given(uploaded(PHOTO), uploaded(REPORT), deleted(PHOTO, T))
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(NOTES), 500, T, RECORD_BY))
                .expectEvents(uploaded(NOTES));
    }

    @Test
    void anUploadArrivingAfterItsDeadlineIsRefusedSoItsBytesAreKnownToBeNobodys() {
        fixture.givenNoPriorActivity()
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(PHOTO), 1000, T, RECORD_BY.minusMillis(1)))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.CONFLICT));
    }

    @Test
    void theSameUploadAgainRecordsNothing() {
        fixture.given(uploaded(PHOTO))
                .when(new UploadFilesCommand(LIBRARY, OWNER, List.of(PHOTO), 600, T, RECORD_BY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLibraryTakesUploadsOfItsOwnerOnly() {
        fixture.given(uploaded(PHOTO))
                .when(new UploadFilesCommand(LIBRARY, new UserId("user-2"), List.of(NOTES), 10_000, T, RECORD_BY))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void deletesAFileItHolds() {
        fixture.given(uploaded(PHOTO), uploaded(REPORT))
                .when(new DeleteFileCommand(LIBRARY, REPORT.fileId(), T.plusSeconds(5)))
                .expectEvents(deleted(REPORT, T.plusSeconds(5)));
    }

    @Test
    void aFileNotHeldOrAlreadyDeletedIsNotFound() {
        fixture.given(uploaded(PHOTO), deleted(PHOTO, T))
                .when(new DeleteFileCommand(LIBRARY, PHOTO.fileId(), T.plusSeconds(5)))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }

    @Test
    void emptyingTheLibraryDeletesEveryFileLeft() {
        fixture.given(uploaded(PHOTO), uploaded(REPORT), uploaded(NOTES), deleted(REPORT, T))
                .when(new DeleteAllFilesCommand(LIBRARY, T.plusSeconds(9)))
                .expectEvents(deleted(PHOTO, T.plusSeconds(9)), deleted(NOTES, T.plusSeconds(9)));
    }
}
