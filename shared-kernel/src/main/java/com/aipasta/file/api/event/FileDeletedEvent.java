package com.aipasta.file.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The file is gone for its owner at once; {@code storage} says where its bytes are to be deleted. */
@Revision("1")
public record FileDeletedEvent(FileLibraryId libraryId, UserId ownerId, FileId fileId, long size, String storage,
                               Instant deletedAt) implements FileLibraryEvent {
}
