package com.aipasta.projections.chat;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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

    /** A session just started, as of its first event {@code sequence}. */
    static ChatSessionDocument started(String id, String ownerId, String title, String systemInstruction,
                                       String modelId, Instant at, long sequence) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, GenerationOptions.DEFAULTS, at,
                at, 0, 0L, BigDecimal.ZERO, BigDecimal.ZERO, null, false, sequence, null);
    }

    /** The session as of its event {@code sequence}. */
    ChatSessionDocument at(long sequence) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt,
                lastActivityAt, messageCount, totalTokens, costUsd, costInr, activeLeafId, deleted, sequence, models);
    }

    /** With a message added at the end of its current branch. */
    ChatSessionDocument withMessage(String messageId, Instant at) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt, at,
                messageCount + 1, totalTokens, costUsd, costInr, messageId, deleted, lastSequence, models);
    }

    /** With one message fewer; the branch it ended now ends at its parent. */
    ChatSessionDocument withoutMessage(String messageId, String parentId) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt,
                lastActivityAt, messageCount - 1, totalTokens, costUsd, costInr,
                messageId.equals(activeLeafId) ? parentId : activeLeafId, deleted, lastSequence, models);
    }

    /** With the model among those that answered in it. */
    ChatSessionDocument answeredBy(String model) {
        List<String> answered = models == null ? new ArrayList<>() : new ArrayList<>(models);
        if (!answered.contains(model)) {
            answered.add(model);
        }
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt,
                lastActivityAt, messageCount, totalTokens, costUsd, costInr, activeLeafId, deleted, lastSequence,
                List.copyOf(answered));
    }

    /** With what an answer that ended at {@code at} used and cost added to its totals. */
    ChatSessionDocument withAnswerTotals(long tokens, Cost cost, Instant at) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt, at,
                messageCount, totalTokens + tokens, costUsd.add(cost.usd()), costInr.add(cost.inr()), activeLeafId,
                deleted, lastSequence, models);
    }

    ChatSessionDocument titled(String newTitle) {
        return new ChatSessionDocument(id, ownerId, newTitle, systemInstruction, modelId, options, createdAt,
                lastActivityAt, messageCount, totalTokens, costUsd, costInr, activeLeafId, deleted, lastSequence, models);
    }

    ChatSessionDocument withSettings(String newModelId, GenerationOptions newOptions) {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, newModelId, newOptions, createdAt,
                lastActivityAt, messageCount, totalTokens, costUsd, costInr, activeLeafId, deleted, lastSequence, models);
    }

    ChatSessionDocument asDeleted() {
        return new ChatSessionDocument(id, ownerId, title, systemInstruction, modelId, options, createdAt,
                lastActivityAt, messageCount, totalTokens, costUsd, costInr, activeLeafId, true, lastSequence, models);
    }
}
