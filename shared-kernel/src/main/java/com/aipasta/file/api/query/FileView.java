package com.aipasta.file.api.query;

import java.time.Instant;

/** A file's metadata as its owner sees it. */
public record FileView(String fileId, String name, String type, long size, String sha256, String storage,
                       Instant createdAt) {
}
