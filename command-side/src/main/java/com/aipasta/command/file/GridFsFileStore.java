package com.aipasta.command.file;

import com.aipasta.file.api.value.FileId;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.BsonString;
import org.bson.Document;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes in GridFS, in the platform's own MongoDB (embedded or a replica set), so every node sees the same files. The
 * bucket's two indexes are declared here rather than left to the driver's first upload, so the embedded server holds
 * them as ordered indexes from the start.
 */
public class GridFsFileStore implements FileStore {

    public static final String NAME = "gridfs";
    public static final String BUCKET = "file_bytes";

    private final GridFSBucket bucket;

    public GridFsFileStore(MongoDatabase database) {
        database.getCollection(BUCKET + ".files").createIndex(Indexes.ascending("filename", "uploadDate"),
                new IndexOptions().name("filename_1_uploadDate_1"));
        database.getCollection(BUCKET + ".chunks").createIndex(Indexes.ascending("files_id", "n"),
                new IndexOptions().name("files_id_1_n_1").unique(true));
        this.bucket = GridFSBuckets.create(database, BUCKET);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The driver deletes the chunks it wrote when reading the content fails part way. */
    @Override
    public void write(FileId fileId, Content content, long size, String type) throws IOException {
        try (InputStream bytes = content.open()) {
            bucket.uploadFromStream(new BsonString(fileId.value()), fileId.value(), bytes,
                    new GridFSUploadOptions().metadata(new Document("contentType", type)));
        }
    }

    @Override
    public InputStream read(FileId fileId) throws IOException {
        try {
            return bucket.openDownloadStream(new BsonString(fileId.value()));
        } catch (MongoGridFSException e) {
            throw (FileNotFoundException) new FileNotFoundException("No bytes stored for " + fileId).initCause(e);
        }
    }

    /** The driver deletes the file's chunks even when no file document names them, then says it found none. */
    @Override
    public void delete(FileId fileId) {
        try {
            bucket.delete(new BsonString(fileId.value()));
        } catch (MongoGridFSException nothingStored) {
            // deleting bytes that are not there does nothing
        }
    }
}
