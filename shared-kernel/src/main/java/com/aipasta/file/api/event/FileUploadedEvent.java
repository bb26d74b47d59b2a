package com.aipasta.file.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code type} was detected from the bytes; {@code storage} names the store that holds them. */
@Revision("1")
public record FileUploadedEvent(FileLibraryId libraryId, @DataSubject UserId ownerId, FileId fileId,
                                @PersonalData String name, String type, long size, String sha256, String storage,
                                Instant uploadedAt)
        implements FileLibraryEvent {
}
