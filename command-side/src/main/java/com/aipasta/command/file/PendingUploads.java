package com.aipasta.command.file;

import com.aipasta.account.api.value.UserId;
import com.aipasta.file.api.value.FileId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Bytes being written whose upload is not yet recorded, one document per file, written before the bytes and removed
 * once the upload is recorded or its bytes are deleted again. What a process that stopped in between leaves behind
 * names its bytes, their owner and the deadline after which the owner's library no longer records them, so
 * {@link UnrecordedBytesSweep} can decide from the library's events whether the bytes are a file's or nobody's.
 */
public class PendingUploads {

    public static final String COLLECTION = "pending_uploads";
    private static final String OWNER = "ownerId";
    private static final String STORAGE = "storage";
    private static final String RECORD_BY = "recordBy";

    /** One file's bytes whose upload was not seen to end. */
    public record Pending(FileId fileId, UserId ownerId, String storage, Instant recordBy) {
    }

    private final MongoCollection<Document> pending;

    public PendingUploads(MongoDatabase database) {
        this.pending = database.getCollection(COLLECTION);
        pending.createIndex(Indexes.ascending(RECORD_BY), new IndexOptions().name("recordBy_1"));
    }

    public void begin(Pending upload) {
        pending.insertOne(new Document("_id", upload.fileId().value()).append(OWNER, upload.ownerId().value())
                .append(STORAGE, upload.storage()).append(RECORD_BY, Date.from(upload.recordBy())));
    }

    public void end(List<FileId> fileIds) {
        if (!fileIds.isEmpty()) {
            pending.deleteMany(Filters.in("_id", fileIds.stream().map(FileId::value).toList()));
        }
    }

    /** Uploads whose deadline was before {@code cutoff}, at most {@code limit} of them, earliest first. */
    public List<Pending> recordableUntilBefore(Instant cutoff, int limit) {
        List<Pending> overdue = new ArrayList<>();
        for (Document document : pending.find(Filters.lt(RECORD_BY, Date.from(cutoff)))
                .sort(new Document(RECORD_BY, 1)).limit(limit)) {
            overdue.add(new Pending(new FileId(document.getString("_id")), new UserId(document.getString(OWNER)),
                    document.getString(STORAGE), document.getDate(RECORD_BY).toInstant()));
        }
        return overdue;
    }
}
