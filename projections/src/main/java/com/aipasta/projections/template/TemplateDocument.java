package com.aipasta.projections.template;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A template that is not deleted. {@code listed} is public and not hidden: what everyone may find. Every list is
 * answered through an index: the owner's newest first (optionally of one tag), the listed ones newest or most used
 * first (optionally of one tag), the public ones for administrators (optionally only hidden or shown ones); a name
 * search is checked on the documents the index finds.
 */
@Document(TemplateDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "owner_newest", def = "{'ownerId': 1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "owner_tag_newest", def = "{'ownerId': 1, 'tags': 1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "listed_newest", def = "{'listed': 1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "listed_tag_newest", def = "{'listed': 1, 'tags': 1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "listed_most_used", def = "{'listed': 1, 'uses': -1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "listed_tag_most_used",
                def = "{'listed': 1, 'tags': 1, 'uses': -1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "public_newest", def = "{'publicTemplate': 1, 'createdAt': -1, '_id': -1}"),
        @CompoundIndex(name = "public_hidden_newest",
                def = "{'publicTemplate': 1, 'hidden': 1, 'createdAt': -1, '_id': -1}")
})
public record TemplateDocument(@Id String id, String ownerId, String name, String description, String persona,
                               String context, String instruction, String format, String tone, String inputData,
                               List<String> thinkingPoints, List<String> warnings, boolean askMe,
                               boolean publicTemplate, List<String> tags, boolean hidden, boolean listed, long uses,
                               Instant createdAt, Instant updatedAt, long lastSequence) {

    public static final String COLLECTION = "templates";
}
