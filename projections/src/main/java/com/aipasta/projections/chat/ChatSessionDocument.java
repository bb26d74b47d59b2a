package com.aipasta.projections.chat;

import com.aipasta.chat.api.value.GenerationOptions;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;

/** A session; {@code activeLeafId} ends its current branch. */
@Document(ChatSessionDocument.COLLECTION)
public record ChatSessionDocument(@Id String id, String ownerId, String title, String systemInstruction,
                                  String modelId, GenerationOptions options, Instant createdAt,
                                  Instant lastActivityAt, int messageCount, long totalTokens, BigDecimal costUsd,
                                  BigDecimal costInr, String activeLeafId, boolean deleted, long lastSequence) {

    public static final String COLLECTION = "chat_sessions";
}
