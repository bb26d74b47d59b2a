package com.aipasta.file.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.file.api.value.FileLibraryId;
import com.aipasta.file.api.value.StoredFile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records files whose bytes are stored, all or none: the library refuses them when they would take its owner past
 * {@code quotaBytes}, the owner's plan's allowance at the time of the request, and when the command arrives after
 * {@code recordBy}, so that bytes whose upload was not recorded by then are known to stay unrecorded.
 */
public record UploadFilesCommand(@TargetAggregateIdentifier FileLibraryId libraryId, UserId ownerId,
                                 List<StoredFile> files, long quotaBytes, Instant uploadedAt, Instant recordBy) {

    public UploadFilesCommand {
        Require.present(libraryId, "libraryId");
        Require.present(ownerId, "ownerId");
        Require.present(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files must not be empty");
        }
        files = List.copyOf(files);
        Require.notNegative(quotaBytes, "quotaBytes");
        Require.present(uploadedAt, "uploadedAt");
        Require.present(recordBy, "recordBy");
    }
}
