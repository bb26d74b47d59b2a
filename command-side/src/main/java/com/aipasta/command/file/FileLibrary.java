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
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's files: which there are and the bytes they take together. Uploads are decided here, one command at a time
 * per user, so concurrent uploads cannot together pass the owner's storage allowance.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FileLibrary {

    /** What the library keeps of each file: enough to free its bytes. */
    record HeldFile(long size, String storage) {
    }

    @AggregateIdentifier
    private FileLibraryId libraryId;
    private UserId ownerId;
    private long usedBytes;
    /** By file id, in upload order. */
    private Map<String, HeldFile> files = new LinkedHashMap<>();

    protected FileLibrary() {
    }

    /**
     * Records all of the files or none; files already recorded under the same ids are not recorded again. An upload
     * arriving after its deadline is refused, so the sweep of unrecorded bytes can decide after it.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UploadFilesCommand command, Clock clock) {
        if (ownerId != null && !ownerId.equals(command.ownerId())) {
            throw new IllegalStateException("Library " + command.libraryId() + " is not " + command.ownerId() + "'s");
        }
        if (clock.instant().isAfter(command.recordBy())) {
            throw new DomainException(ErrorCode.CONFLICT, "The upload took too long; try again");
        }
        List<StoredFile> newFiles = command.files().stream()
                .filter(file -> !files.containsKey(file.fileId().value())).toList();
        long requested = newFiles.stream().mapToLong(StoredFile::size).sum();
        if (usedBytes + requested > command.quotaBytes()) {
            throw new DomainException(ErrorCode.STORAGE_QUOTA_EXCEEDED,
                    "These files would take your storage past its allowance of " + command.quotaBytes() + " bytes",
                    Map.of("usedBytes", usedBytes, "requestedBytes", requested, "quotaBytes", command.quotaBytes()));
        }
        newFiles.forEach(file -> apply(new FileUploadedEvent(command.libraryId(), command.ownerId(), file.fileId(),
                file.name(), file.type(), file.size(), file.sha256(), file.storage(), command.uploadedAt())));
    }

    /**
     * A file that is not in this library, because it never was or is already deleted, is 404. Answers the store that
     * held its bytes.
     */
    @CommandHandler
    public String handle(DeleteFileCommand command) {
        HeldFile held = files.get(command.fileId().value());
        if (held == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such file");
        }
        apply(new FileDeletedEvent(libraryId, ownerId, command.fileId(), held.size(), held.storage(),
                command.deletedAt()));
        return held.storage();
    }

    @CommandHandler
    public void handle(DeleteAllFilesCommand command) {
        new TreeMap<>(files).forEach((fileId, held) -> apply(new FileDeletedEvent(libraryId, ownerId,
                new FileId(fileId), held.size(), held.storage(), command.deletedAt())));
    }

    @EventSourcingHandler
    void on(FileUploadedEvent event) {
        libraryId = event.libraryId();
        ownerId = event.ownerId();
        files.put(event.fileId().value(), new HeldFile(event.size(), event.storage()));
        usedBytes += event.size();
    }

    @EventSourcingHandler
    void on(FileDeletedEvent event) {
        HeldFile held = files.remove(event.fileId().value());
        if (held != null) {
            usedBytes -= held.size();
        }
    }
}
