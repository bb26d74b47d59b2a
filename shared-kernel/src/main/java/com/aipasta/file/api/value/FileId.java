package com.aipasta.file.api.value;

import com.aipasta.common.Require;

/** The id of an uploaded file; its bytes are stored under it too. */
public record FileId(String value) {

    public static final String PREFIX = "file-";
    private static final String FORMAT = PREFIX + "[0-9a-f]{32}";

    public FileId {
        Require.text(value, "fileId");
    }

    /** Whether {@code text} has the shape of a file id, so a path that cannot name a file is not looked up. */
    public static boolean wellFormed(String text) {
        return text != null && text.matches(FORMAT);
    }

    @Override
    public String toString() {
        return value;
    }
}
