package com.aipasta.projections.file;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A file's metadata; {@code typeGroup} is the top-level part of its type ({@code image}), for filtering by it. */
@Document(FileDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "owner_newest", def = "{'ownerId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "owner_type_newest", def = "{'ownerId': 1, 'type': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "owner_type_group_newest", def = "{'ownerId': 1, 'typeGroup': 1, 'createdAt': -1}")
})
public record FileDocument(@Id String id, String ownerId, String name, String type, String typeGroup, long size,
                           String sha256, String storage, Instant createdAt) {

    public static final String COLLECTION = "files";
}
