package com.aipasta.projections.file;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.file.api.event.FileDeletedEvent;
import com.aipasta.file.api.event.FileUploadedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Each user's files and what they take together. A file event is applied only when its sequence number in the
 * owner's library is past the one the owner's usage holds: the file's own document first (an upsert or a removal,
 * both harmless to repeat), then the usage, which moves the sequence forward.
 */
@Component
@ProcessingGroup(FileProjection.NAME)
public class FileProjection {

    public static final String NAME = "files";

    private final MongoTemplate mongo;

    public FileProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(FileUploadedEvent event, @SequenceNumber long sequence) {
        String owner = event.ownerId().value();
        if (seen(owner, sequence)) {
            return;
        }
        mongo.save(new FileDocument(event.fileId().value(), owner, event.name(), event.type(), typeGroup(event.type()),
                event.size(), event.sha256(), event.storage(), event.uploadedAt()));
        moveUsage(owner, sequence, 1, event.size(), true);
    }

    @EventHandler
    void on(FileDeletedEvent event, @SequenceNumber long sequence) {
        String owner = event.ownerId().value();
        if (seen(owner, sequence)) {
            return;
        }
        mongo.remove(Query.query(Criteria.where("_id").is(event.fileId().value())), FileDocument.class);
        moveUsage(owner, sequence, -1, -event.size(), false);
    }

    /** The files of a deleted account go at once; the library's deletions that follow find nothing left to move. */
    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), FileDocument.class);
        mongo.remove(Query.query(Criteria.where("_id").is(event.userId().value())), FileUsageDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), FileDocument.class);
        mongo.remove(new Query(), FileUsageDocument.class);
    }

    static String typeGroup(String type) {
        int slash = type.indexOf('/');
        return (slash < 0 ? type : type.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private boolean seen(String owner, long sequence) {
        FileUsageDocument usage = mongo.findById(owner, FileUsageDocument.class);
        return usage != null && usage.lastSequence() >= sequence;
    }

    private void moveUsage(String owner, long sequence, long files, long bytes, boolean createMissing) {
        Query behind = Query.query(Criteria.where("_id").is(owner).and("lastSequence").lt(sequence));
        Update update = new Update().inc("files", files).inc("usedBytes", bytes).set("lastSequence", sequence);
        if (!createMissing) {
            mongo.updateFirst(behind, update, FileUsageDocument.class);
            return;
        }
        try {
            mongo.upsert(behind, update, FileUsageDocument.class);
        } catch (DuplicateKeyException e) {
            // the usage is already past this event
        }
    }
}
