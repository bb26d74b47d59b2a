package com.aipasta.projections.file;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one user's files take, with the sequence number of the last event of the user's library folded in: every
 * file event passes this document, so a redelivered event changes nothing.
 */
@Document(FileUsageDocument.COLLECTION)
public record FileUsageDocument(@Id String id, long files, long usedBytes, long lastSequence) {

    public static final String COLLECTION = "file_usage";
}
