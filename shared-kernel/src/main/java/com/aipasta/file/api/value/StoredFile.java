package com.aipasta.file.api.value;

import com.aipasta.common.PersonalData;
import com.aipasta.common.Require;

/**
 * A file whose bytes are already stored: {@code type} is the media type detected from its bytes, {@code storage}
 * names the store that holds them ({@code gridfs} or {@code s3}).
 */
public record StoredFile(FileId fileId, @PersonalData String name, String type, long size, String sha256,
                         String storage) {

    public StoredFile {
        Require.present(fileId, "fileId");
        name = new FileName(name).value();
        Require.text(type, "type");
        Require.notNegative(size, "size");
        Require.text(sha256, "sha256");
        Require.text(storage, "storage");
    }
}
