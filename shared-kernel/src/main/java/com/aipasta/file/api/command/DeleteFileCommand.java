package com.aipasta.file.api.command;

import com.aipasta.common.Require;
import com.aipasta.file.api.value.FileId;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeleteFileCommand(@TargetAggregateIdentifier FileLibraryId libraryId, FileId fileId,
                                Instant deletedAt) {

    public DeleteFileCommand {
        Require.present(libraryId, "libraryId");
        Require.present(fileId, "fileId");
        Require.present(deletedAt, "deletedAt");
    }
}
