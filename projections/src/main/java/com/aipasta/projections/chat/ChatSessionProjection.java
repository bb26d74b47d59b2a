package com.aipasta.projections.chat;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.SessionDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionSettingsChangedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.ToolMessagePostedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sessions and their messages. Message documents are written whole or by setting fields, so a redelivery
 * rewrites the same values; session counters only move for an event newer than the session's last one. A message
 * recorded or changing status is sent, as this read model holds it once the batch commits, to the subscriptions that
 * follow its session ({@link FollowSessionQuery}); none during a replay, and no read when nobody follows.
 */
@Component
@ProcessingGroup(ChatSessionProjection.NAME)
public class ChatSessionProjection {

    public static final String NAME = "chat-sessions";

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    public ChatSessionProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(SessionStartedEvent event, @SequenceNumber long sequence) {
        mongo.upsert(byId(event.sessionId().value()), new Update()
                        .setOnInsert("ownerId", event.ownerId().value())
                        .setOnInsert("title", event.title())
                        .setOnInsert("systemInstruction", event.systemInstruction())
                        .setOnInsert("modelId", event.modelId())
                        .setOnInsert("options", GenerationOptions.DEFAULTS)
                        .setOnInsert("createdAt", event.startedAt())
                        .setOnInsert("lastActivityAt", event.startedAt())
                        .setOnInsert("messageCount", 0)
                        .setOnInsert("totalTokens", 0L)
                        .setOnInsert("costUsd", BigDecimal.ZERO)
                        .setOnInsert("costInr", BigDecimal.ZERO)
                        .setOnInsert("deleted", false)
                        .setOnInsert("lastSequence", sequence),
                ChatSessionDocument.class);
    }

    @EventHandler
    void on(UserMessagePostedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        String ownerId = event.ownerId() != null ? event.ownerId().value()
                : mongo.findById(event.sessionId().value(), ChatSessionDocument.class).ownerId();
        mongo.save(new ChatMessageDocument(event.messageId(), event.sessionId().value(), ownerId,
                event.parentId(), "user", event.content(), null, "complete", null, null, null, null, null, null, null,
                null, null, null, event.postedAt(), false, MessageView.AttachmentView.of(event.attachments())));
        updateSession(event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.postedAt()).inc("messageCount", 1));
        follow(event.sessionId(), event.messageId(), replay);
    }

    @EventHandler
    void on(ToolMessagePostedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        mongo.save(new ChatMessageDocument(event.messageId(), event.sessionId().value(), event.ownerId().value(),
                event.parentId(), "tool", event.content(), null, "complete", null, event.provider(), null, null, null,
                null, null, null, null, null, event.postedAt(), false, null));
        updateSession(event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.postedAt()).inc("messageCount", 1));
        follow(event.sessionId(), event.messageId(), replay);
    }

    @EventHandler
    void on(AssistantMessageStartedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        mongo.save(new ChatMessageDocument(event.messageId(), event.sessionId().value(), event.ownerId().value(),
                event.parentId(), "assistant", "", null, "generating", event.model().modelId(),
                event.model().provider(), null, null, null, null, null, null, null, null, event.startedAt(), false,
                MessageView.AttachmentView.of(event.attachments())));
        updateSession(event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.startedAt()).inc("messageCount", 1)
                .addToSet("models", event.model().modelId()));
        follow(event.sessionId(), event.messageId(), replay);
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        mongo.updateFirst(byId(event.messageId()), finished(event.content(), event.thoughts(), "complete",
                        event.usage(), event.cost(), event.completedAt())
                        .set("latencyMs", event.latencyMs())
                        .set("timeToFirstTokenMs", event.timeToFirstTokenMs())
                        .set("finishReason", event.finishReason()),
                ChatMessageDocument.class);
        updateSession(event.sessionId(), sequence, totals(event.sessionId(), event.usage(), event.cost(),
                event.completedAt()));
        follow(event.sessionId(), event.messageId(), replay);
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        String partial = event.partialContent() == null ? "" : event.partialContent();
        mongo.updateFirst(byId(event.messageId()), finished(partial, event.thoughts(),
                        partial.isEmpty() ? "failed" : "partial", event.usage(), event.cost(), event.failedAt())
                        .set("errorCode", event.errorCode())
                        .set("errorMessage", event.errorMessage()),
                ChatMessageDocument.class);
        updateSession(event.sessionId(), sequence, totals(event.sessionId(), event.usage(), event.cost(),
                event.failedAt()));
        follow(event.sessionId(), event.messageId(), replay);
    }

    @EventHandler
    void on(SessionRenamedEvent event, @SequenceNumber long sequence) {
        updateSession(event.sessionId(), sequence, new Update().set("title", event.title()));
    }

    @EventHandler
    void on(SessionSettingsChangedEvent event, @SequenceNumber long sequence) {
        updateSession(event.sessionId(), sequence, new Update().set("modelId", event.modelId())
                .set("options", event.options()));
    }

    @EventHandler
    void on(SessionDeletedEvent event, @SequenceNumber long sequence) {
        updateSession(event.sessionId(), sequence, new Update().set("deleted", true));
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        ChatMessageDocument message = mongo.findById(event.messageId(), ChatMessageDocument.class);
        mongo.updateFirst(byId(event.messageId()), new Update().set("deleted", true), ChatMessageDocument.class);
        ChatSessionDocument session = mongo.findById(event.sessionId().value(), ChatSessionDocument.class);
        Update update = new Update().inc("messageCount", -1);
        if (event.messageId().equals(session.activeLeafId())) {
            update.set("activeLeafId", message.parentId());
        }
        updateSession(event.sessionId(), sequence, update);
    }

    /** The account is gone: its conversations go with it. */
    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), ChatMessageDocument.class);
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), ChatSessionDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ChatMessageDocument.class);
        mongo.remove(new Query(), ChatSessionDocument.class);
    }

    /** Sends the message as stored to the owner's subscriptions following its session, if there are any. */
    private void follow(SessionId sessionId, String messageId, ReplayStatus replay) {
        if (replay.isReplay() || updates.activeSubscriptions().stream().noneMatch(subscription ->
                subscription.getPayload() instanceof FollowSessionQuery query && query.sessionId().equals(sessionId))) {
            return;
        }
        ChatMessageDocument message = mongo.findById(messageId, ChatMessageDocument.class);
        if (message != null) {
            MessageView view = message.view();
            updates.emit(FollowSessionQuery.class, query -> query.sessionId().equals(sessionId)
                    && query.ownerId().value().equals(message.ownerId()), view);
        }
    }

    private static Update finished(String content, String thoughts, String status, TokenCount usage, Cost cost,
                                   Instant at) {
        return new Update().set("content", content).set("thoughts", thoughts).set("status", status)
                .set("usage", usage).set("costUsd", cost.usd()).set("costInr", cost.inr()).set("finishedAt", at);
    }

    /** Amounts are decimals kept as text, which {@code $inc} cannot add to; this projection is their one writer. */
    private Update totals(SessionId sessionId, TokenCount usage, Cost cost, Instant at) {
        ChatSessionDocument session = mongo.findById(sessionId.value(), ChatSessionDocument.class);
        return new Update().inc("totalTokens", usage.totalTokens())
                .set("costUsd", session.costUsd().add(cost.usd()))
                .set("costInr", session.costInr().add(cost.inr()))
                .set("lastActivityAt", at);
    }

    private void updateSession(SessionId sessionId, long sequence, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sessionId.value()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), ChatSessionDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
