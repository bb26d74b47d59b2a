package com.aipasta.file.api.command;

import com.aipasta.common.Require;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Empties a library, as when its owner's account is deleted. */
public record DeleteAllFilesCommand(@TargetAggregateIdentifier FileLibraryId libraryId, Instant deletedAt) {

    public DeleteAllFilesCommand {
        Require.present(libraryId, "libraryId");
        Require.present(deletedAt, "deletedAt");
    }
}
