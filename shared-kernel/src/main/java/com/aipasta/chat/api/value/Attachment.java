package com.aipasta.chat.api.value;

import com.aipasta.common.PersonalData;
import com.aipasta.common.Require;
import com.aipasta.file.api.value.FileId;

/** A file of the user's attached to a message, as it was when attached: its bytes are read from {@code storage}. */
public record Attachment(FileId fileId, @PersonalData String name, String type, long size, String storage) {

    public Attachment {
        Require.present(fileId, "fileId");
        Require.text(name, "name");
        Require.text(type, "type");
        Require.notNegative(size, "size");
        Require.text(storage, "storage");
    }

    public boolean image() {
        return type.startsWith("image/");
    }
}
