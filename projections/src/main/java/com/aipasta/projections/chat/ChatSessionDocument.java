package com.aipasta.projections.chat;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import com.aipasta.chat.api.value.GenerationOptions;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A session; {@code activeLeafId} ends its current branch, {@code models} lists every model that answered in it. */
@Document(ChatSessionDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "owner_live_recent", def = "{'ownerId': 1, 'deleted': 1, 'lastActivityAt': -1}"),
        @CompoundIndex(name = "live", def = "{'deleted': 1}")
})
public record ChatSessionDocument(@Id String id, String ownerId, String title, String systemInstruction,
                                  String modelId, GenerationOptions options, Instant createdAt,
                                  Instant lastActivityAt, int messageCount, long totalTokens, BigDecimal costUsd,
                                  BigDecimal costInr, String activeLeafId, boolean deleted, long lastSequence,
                                  List<String> models) {

    public static final String COLLECTION = "chat_sessions";
}
