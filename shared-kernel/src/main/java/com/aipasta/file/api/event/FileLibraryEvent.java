package com.aipasta.file.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;

public sealed interface FileLibraryEvent permits FileUploadedEvent, FileDeletedEvent {

    FileLibraryId libraryId();

    UserId ownerId();

    FileId fileId();
}
