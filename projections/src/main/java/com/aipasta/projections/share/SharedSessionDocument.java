package com.aipasta.projections.share;

import com.aipasta.chat.api.query.SharedSessionView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** A session's snapshot as shared, under its share id; removed when revoked, or with its session or account. */
@Document(SharedSessionDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "session", def = "{'sessionId': 1}"),
        @CompoundIndex(name = "owner", def = "{'ownerId': 1}")
})
public record SharedSessionDocument(@Id String id, String sessionId, String ownerId, String title,
                                    String displayName, Instant sharedAt,
                                    List<SharedSessionView.SharedMessage> messages) {

    public static final String COLLECTION = "shared_sessions";
}
