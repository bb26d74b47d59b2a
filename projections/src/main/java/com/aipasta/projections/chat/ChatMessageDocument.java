package com.aipasta.projections.chat;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.TokenCount;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Document(ChatMessageDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "session", def = "{'sessionId': 1}"),
        @CompoundIndex(name = "owner_role_newest", def = "{'ownerId': 1, 'role': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "status_created", def = "{'status': 1, 'createdAt': 1}")
})
public record ChatMessageDocument(@Id String id, String sessionId, String ownerId, String parentId, String role,
                                  String content, String thoughts, String status, String modelId, String provider,
                                  TokenCount usage, BigDecimal costUsd, BigDecimal costInr, Long latencyMs,
                                  Long timeToFirstTokenMs, String finishReason, String errorCode,
                                  String errorMessage, Instant createdAt, Instant finishedAt, boolean deleted,
                                  List<MessageView.AttachmentView> attachments) {

    public static final String COLLECTION = "chat_messages";

    /** The answer once it ended, complete or not. */
    ChatMessageDocument finished(String finalContent, String finalThoughts, String finalStatus, TokenCount finalUsage,
                                 Cost cost, Instant at, Long latency, Long timeToFirstToken, String finish,
                                 String error, String errorText) {
        return new ChatMessageDocument(id, sessionId, ownerId, parentId, role, finalContent, finalThoughts, finalStatus,
                modelId, provider, finalUsage, cost.usd(), cost.inr(), latency, timeToFirstToken, finish, error,
                errorText, createdAt, at, deleted, attachments);
    }

    public MessageView view() {
        return new MessageView(id, sessionId, parentId, role, content, thoughts, status, modelId, provider, usage,
                costUsd == null ? null : new Cost(costUsd, costInr), latencyMs, timeToFirstTokenMs, finishReason,
                errorCode, errorMessage, createdAt, attachments);
    }
}
