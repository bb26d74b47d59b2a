package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.event.FileDeletedEvent;
import com.aipasta.file.api.event.FileUploadedEvent;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a user holds now, folded from their library's events in the event store, so the write side knows which
 * files a turn may attach without asking a read model.
 */
@Component
public class LibraryFiles {

    private final EventStorageEngine storage;

    public LibraryFiles(EventStorageEngine storage) {
        this.storage = storage;
    }

    /** By file id, the upload events of the files not deleted. */
    public Map<FileId, FileUploadedEvent> of(UserId owner) {
        Map<FileId, FileUploadedEvent> files = new LinkedHashMap<>();
        DomainEventStream events = storage.readEvents(FileLibraryId.of(owner).value(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof FileUploadedEvent uploaded) {
                files.put(uploaded.fileId(), uploaded);
            } else if (message.getPayload() instanceof FileDeletedEvent deleted) {
                files.remove(deleted.fileId());
            }
        }
        return files;
    }
}
