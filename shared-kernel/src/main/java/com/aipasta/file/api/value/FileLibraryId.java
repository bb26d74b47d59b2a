package com.aipasta.file.api.value;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

/** One file library per user; its id is derived from the owner's so it never collides with the account's stream. */
public record FileLibraryId(String value) {

    private static final String PREFIX = "files-";

    public FileLibraryId {
        Require.text(value, "libraryId");
    }

    public static FileLibraryId of(UserId owner) {
        return new FileLibraryId(PREFIX + owner.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
