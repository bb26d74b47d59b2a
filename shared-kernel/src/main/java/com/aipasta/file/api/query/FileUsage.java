package com.aipasta.file.api.query;

/** What a user's files take: how many there are and their bytes together. */
public record FileUsage(long files, long usedBytes) {
}
