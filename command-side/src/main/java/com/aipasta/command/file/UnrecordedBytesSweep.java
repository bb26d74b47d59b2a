package com.aipasta.command.file;

import com.aipasta.file.api.value.FileId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes the bytes of uploads that a process stopped before recording: an upload still pending once its deadline
 * is {@code FILES_UPLOAD_TIMEOUT} past (the library refuses it after the deadline, and the wait covers clocks that
 * differ) either was recorded, and its owner's library's events name the file, or never will be, and its bytes are
 * nobody's. Runs at start-up and every {@code FILES_UPLOAD_TIMEOUT}, on every node: deleting twice does no harm.
 */
@Component
public class UnrecordedBytesSweep {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedBytesSweep.class);
    private static final int BATCH = 100;

    private final PendingUploads pending;
    private final LibraryFiles library;
    private final FileStores stores;
    private final FilesProperties properties;
    private final Clock clock;

    public UnrecordedBytesSweep(PendingUploads pending, LibraryFiles library, FileStores stores,
                                FilesProperties properties, Clock clock) {
        this.pending = pending;
        this.library = library;
        this.stores = stores;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stops when a batch is not full, or when nothing of a batch could be settled (a store that fails). */
    @Scheduled(fixedDelayString = "${aipasta.files.upload-timeout:10m}")
    public void sweep() {
        Instant cutoff = clock.instant().minus(properties.uploadTimeout());
        List<PendingUploads.Pending> overdue;
        int settled;
        do {
            overdue = pending.recordableUntilBefore(cutoff, BATCH);
            settled = (int) overdue.stream().filter(this::settled).count();
        } while (overdue.size() == BATCH && settled > 0);
    }

    private boolean settled(PendingUploads.Pending upload) {
        FileId fileId = upload.fileId();
        try {
            if (!library.of(upload.ownerId()).containsKey(fileId)) {
                stores.named(upload.storage()).delete(fileId);
                log.info("Deleted the bytes of upload {}, which was never recorded, from {}", fileId,
                        upload.storage());
            }
            pending.end(List.of(fileId));
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not settle the unrecorded upload {}; the next sweep tries again", fileId, e);
            return false;
        }
    }
}
