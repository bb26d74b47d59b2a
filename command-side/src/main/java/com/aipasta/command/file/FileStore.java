package com.aipasta.command.file;

import com.aipasta.file.api.value.FileId;

import java.io.IOException;
import java.io.InputStream;

/** Where the bytes of files live, under their file ids. */
public interface FileStore {

    /** The bytes to write; each call opens them anew, so a store may read them more than once. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    /** The store's name, recorded with each file it holds: {@code gridfs} or {@code s3}. */
    String name();

    /** Writes all the bytes or fails; a write that fails leaves nothing readable under {@code fileId}. */
    void write(FileId fileId, Content content, long size, String type) throws IOException;

    /** The bytes; a {@link java.io.FileNotFoundException} when none are stored under {@code fileId}. */
    InputStream read(FileId fileId) throws IOException;

    /** Deletes the bytes; deleting bytes that are not there does nothing. */
    void delete(FileId fileId) throws IOException;
}
