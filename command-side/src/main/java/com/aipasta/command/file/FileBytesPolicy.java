package com.aipasta.command.file;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.file.api.command.DeleteAllFilesCommand;
import com.aipasta.file.api.event.FileDeletedEvent;
import com.aipasta.file.api.value.FileLibraryId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Deletes the bytes of deleted files (again, when the request that deleted the file already did: deleting is
 * idempotent, and this covers a process that stopped in between), and empties the library of a deleted account.
 * A store that fails makes the processor retry the event.
 */
@Component
@ProcessingGroup("file-bytes")
public class FileBytesPolicy {

    private final FileStores stores;
    private final CommandGateway commands;

    public FileBytesPolicy(FileStores stores, CommandGateway commands) {
        this.stores = stores;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(FileDeletedEvent event) throws IOException {
        stores.named(event.storage()).delete(event.fileId());
    }

    @EventHandler
    @DisallowReplay
    void on(UserDeletedEvent event) {
        try {
            commands.sendAndWait(new DeleteAllFilesCommand(FileLibraryId.of(event.userId()), event.deletedAt()));
        } catch (AggregateNotFoundException e) {
            // the user never uploaded a file
        }
    }
}
