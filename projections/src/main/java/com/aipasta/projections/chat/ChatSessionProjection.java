package com.aipasta.projections.chat;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
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
import com.aipasta.projections.ReadModelBatch;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sessions and their messages, written once a batch (see {@link ReadModelBatch}), and each user's usage tallies
 * ({@link UsageTallyDocument}). Message documents are written whole or by setting fields, so a redelivery rewrites
 * the same values; session counters only move for an event newer than the session's last one. A session's cost is
 * kept in the batch's memory, read once a batch, or not at all for a session the batch starts. A message recorded or
 * changing status is sent, as this read model holds it once the batch is written, to the subscriptions that follow
 * its session ({@link FollowSessionQuery}); none during a replay, and no read when nobody follows.
 * <p>
 * The tallies are added to, a batch's additions written after its sessions and before its messages, which a turn
 * waits on. A session stored as having handled an event marks a batch handled again (after a crash, or a write that
 * failed), whose additions may or may not have been written: its owner's tallies are then counted again from the
 * messages once the batch is written ({@link #handledBefore}). Messages stored before tallies were kept are counted
 * once, before the first event ({@link #countTalliesIfMissing}).
 */
@Component
@ProcessingGroup(ChatSessionProjection.NAME)
public class ChatSessionProjection {

    public static final String NAME = "chat-sessions";
    private static final String SESSION_AGGREGATE_TYPE = "ChatSession";

    /** What a session's totals are computed from: the session as of its event {@code lastSequence}. */
    private record SessionState(String ownerId, long lastSequence, BigDecimal costUsd, BigDecimal costInr) {
    }

    /** The last event a session's stored document had handled when the batch began; -1 for none stored. */
    private record StoredSequence(long value) {
    }

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;
    private boolean tallied;

    public ChatSessionProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(SessionStartedEvent event, @SequenceNumber long sequence) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.memory(SessionState.class).putIfAbsent(event.sessionId().value(),
                new SessionState(event.ownerId().value(), sequence, BigDecimal.ZERO, BigDecimal.ZERO));
        batch.upsert(ChatSessionDocument.class, byId(event.sessionId().value()), new Update()
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
                        .setOnInsert("lastSequence", sequence));
    }

    @EventHandler
    void on(UserMessagePostedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = owner(batch, event.sessionId(), event.ownerId());
        ChatMessageDocument message = new ChatMessageDocument(event.messageId(), event.sessionId().value(), ownerId,
                event.parentId(), "user", event.content(), null, "complete", null, null, null, null, null, null, null,
                null, null, null, event.postedAt(), null, false, MessageView.AttachmentView.of(event.attachments()));
        batch.save(message);
        updateSession(batch, event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.postedAt()).inc("messageCount", 1));
        tally(batch, handledBefore, ownerId, tallies -> tallies.posted(ownerId, event.postedAt()));
        follow(batch, event.sessionId(), replay, () -> message);
    }

    @EventHandler
    void on(ToolMessagePostedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = event.ownerId().value();
        ChatMessageDocument message = new ChatMessageDocument(event.messageId(), event.sessionId().value(), ownerId,
                event.parentId(), "tool", event.content(), null, "complete", null, event.provider(), null, null, null,
                null, null, null, null, null, event.postedAt(), null, false, null);
        batch.save(message);
        updateSession(batch, event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.postedAt()).inc("messageCount", 1));
        tally(batch, handledBefore, ownerId, tallies -> tallies.posted(ownerId, event.postedAt()));
        follow(batch, event.sessionId(), replay, () -> message);
    }

    @EventHandler
    void on(AssistantMessageStartedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = event.ownerId().value();
        ChatMessageDocument message = new ChatMessageDocument(event.messageId(), event.sessionId().value(), ownerId,
                event.parentId(), "assistant", "", null, "generating", event.model().modelId(),
                event.model().provider(), null, null, null, null, null, null, null, null, event.startedAt(), null,
                false, MessageView.AttachmentView.of(event.attachments()));
        batch.save(message);
        updateSession(batch, event.sessionId(), sequence, new Update().set("activeLeafId", event.messageId())
                .set("lastActivityAt", event.startedAt()).inc("messageCount", 1)
                .addToSet("models", event.model().modelId()));
        tally(batch, handledBefore, ownerId,
                tallies -> tallies.started(ownerId, event.model().modelId(), event.startedAt()));
        follow(batch, event.sessionId(), replay, () -> message);
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = owner(batch, event.sessionId(), event.ownerId());
        batch.updateFirst(ChatMessageDocument.class, byId(event.messageId()), finished(event.content(),
                event.thoughts(), "complete", event.usage(), event.cost(), event.completedAt())
                .set("latencyMs", event.latencyMs())
                .set("timeToFirstTokenMs", event.timeToFirstTokenMs())
                .set("finishReason", event.finishReason()));
        addTotals(batch, event.sessionId(), sequence, event.usage(), event.cost(), event.completedAt());
        tally(batch, handledBefore, ownerId, tallies -> tallies.ended(ownerId, event.model().modelId(),
                event.completedAt(), event.usage().totalTokens(), event.cost(), false));
        follow(batch, event.sessionId(), replay, () -> stored(event.messageId()));
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = owner(batch, event.sessionId(), event.ownerId());
        String partial = event.partialContent() == null ? "" : event.partialContent();
        batch.updateFirst(ChatMessageDocument.class, byId(event.messageId()), finished(partial, event.thoughts(),
                partial.isEmpty() ? "failed" : "partial", event.usage(), event.cost(), event.failedAt())
                .set("errorCode", event.errorCode())
                .set("errorMessage", event.errorMessage()));
        addTotals(batch, event.sessionId(), sequence, event.usage(), event.cost(), event.failedAt());
        tally(batch, handledBefore, ownerId, tallies -> tallies.ended(ownerId, event.model().modelId(),
                event.failedAt(), event.usage().totalTokens(), event.cost(), partial.isEmpty()));
        follow(batch, event.sessionId(), replay, () -> stored(event.messageId()));
    }

    @EventHandler
    void on(SessionRenamedEvent event, @SequenceNumber long sequence) {
        updateSession(ReadModelBatch.current(mongo), event.sessionId(), sequence,
                new Update().set("title", event.title()));
    }

    @EventHandler
    void on(SessionSettingsChangedEvent event, @SequenceNumber long sequence) {
        updateSession(ReadModelBatch.current(mongo), event.sessionId(), sequence,
                new Update().set("modelId", event.modelId()).set("options", event.options()));
    }

    @EventHandler
    void on(SessionDeletedEvent event, @SequenceNumber long sequence) {
        updateSession(ReadModelBatch.current(mongo), event.sessionId(), sequence,
                new Update().set("deleted", true));
    }

    /** Reads what the batch wrote so far, once it is written: deletions are rare enough not to be kept in memory. */
    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.flush();
        ChatMessageDocument message = mongo.findById(event.messageId(), ChatMessageDocument.class);
        batch.updateFirst(ChatMessageDocument.class, byId(event.messageId()), new Update().set("deleted", true));
        ChatSessionDocument session = mongo.findById(event.sessionId().value(), ChatSessionDocument.class);
        Update update = new Update().inc("messageCount", -1);
        if (event.messageId().equals(session.activeLeafId())) {
            update.set("activeLeafId", message.parentId());
        }
        updateSession(batch, event.sessionId(), sequence, update);
    }

    /** The account is gone: its conversations go with it. */
    @EventHandler
    void on(UserDeletedEvent event) {
        String ownerId = event.userId().value();
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.remove(ChatMessageDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.remove(ChatSessionDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.remove(UsageTallyDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.memory(SessionState.class).values()
                .removeIf(session -> session != null && session.ownerId().equals(ownerId));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ChatMessageDocument.class);
        mongo.remove(new Query(), ChatSessionDocument.class);
        mongo.remove(new Query(), UsageTallyDocument.class);
    }

    /**
     * Counts the usage tallies of the messages stored before tallies were kept, once, before this projection handles
     * its first event here, or at start-up on the node that runs it.
     */
    public synchronized void countTalliesIfMissing() {
        if (!tallied) {
            if (!mongo.exists(new Query(), UsageTallyDocument.class)
                    && mongo.exists(new Query(), ChatMessageDocument.class)) {
                mongo.findDistinct(new Query(), "ownerId", ChatMessageDocument.class, String.class)
                        .forEach(ownerId -> UsageTallies.countAgain(mongo, ownerId));
            }
            tallied = true;
        }
    }

    /**
     * Whether the session's stored document had handled the event when the batch began, which only a batch handled
     * again finds. Every session of the batch is read at once, those it starts too, which also gives what the batch
     * keeps of them ({@link #session}), so the batch still reads its sessions once.
     */
    private boolean handledBefore(ReadModelBatch batch, SessionId sessionId, long sequence) {
        countTalliesIfMissing();
        Map<String, StoredSequence> stored = batch.memory(StoredSequence.class);
        if (!stored.containsKey(sessionId.value())) {
            Set<String> unread = new HashSet<>(batch.aggregates(SESSION_AGGREGATE_TYPE));
            unread.add(sessionId.value());
            unread.removeAll(stored.keySet());
            Map<String, ChatSessionDocument> found = new HashMap<>();
            mongo.find(Query.query(Criteria.where("_id").in(unread)), ChatSessionDocument.class)
                    .forEach(session -> found.put(session.id(), session));
            Map<String, SessionState> kept = batch.memory(SessionState.class);
            for (String id : unread) {
                ChatSessionDocument session = found.get(id);
                stored.put(id, new StoredSequence(session == null ? -1 : session.lastSequence()));
                if (session != null) {
                    kept.putIfAbsent(id, kept(session));
                }
            }
        }
        return stored.get(sessionId.value()).value() >= sequence;
    }

    /** Adds to the owner's tallies, or counts them again once the batch is written (see the class comment). */
    private void tally(ReadModelBatch batch, boolean handledBefore, String ownerId, Consumer<UsageTallies> change) {
        batch.writeFirst(ChatSessionDocument.class);
        batch.writeLast(ChatMessageDocument.class);
        if (handledBefore) {
            UsageTallies.of(batch).countAgainOnceWritten(mongo, ownerId);
        } else {
            change.accept(UsageTallies.of(batch));
        }
    }

    /** Events recorded before they named the session's owner name none. */
    private String owner(ReadModelBatch batch, SessionId sessionId, UserId ownerId) {
        return ownerId != null ? ownerId.value() : session(batch, sessionId).ownerId();
    }

    /**
     * Sends the message, as {@code stored} gives it once the batch is written, to the owner's subscriptions following
     * its session, if there are any: a message recorded whole is sent as recorded, so each status it passes through in
     * a batch is sent; a message changed by query is read back.
     */
    private void follow(ReadModelBatch batch, SessionId sessionId, ReplayStatus replay,
                        Supplier<ChatMessageDocument> stored) {
        if (replay.isReplay() || updates.activeSubscriptions().stream().noneMatch(subscription ->
                subscription.getPayload() instanceof FollowSessionQuery query && query.sessionId().equals(sessionId))) {
            return;
        }
        batch.afterWrites(() -> {
            ChatMessageDocument message = stored.get();
            if (message != null) {
                MessageView view = message.view();
                updates.emit(FollowSessionQuery.class, query -> query.sessionId().equals(sessionId)
                        && query.ownerId().value().equals(message.ownerId()), view);
            }
        });
    }

    private ChatMessageDocument stored(String messageId) {
        return mongo.findById(messageId, ChatMessageDocument.class);
    }

    private static Update finished(String content, String thoughts, String status, TokenCount usage, Cost cost,
                                   Instant at) {
        return new Update().set("content", content).set("thoughts", thoughts).set("status", status)
                .set("usage", usage).set("costUsd", cost.usd()).set("costInr", cost.inr()).set("finishedAt", at);
    }

    /** Amounts are decimals kept as text, which {@code $inc} cannot add to; this projection is their one writer. */
    private void addTotals(ReadModelBatch batch, SessionId sessionId, long sequence, TokenCount usage, Cost cost,
                           Instant at) {
        SessionState session = session(batch, sessionId);
        if (session.lastSequence() >= sequence) {
            return;
        }
        SessionState added = new SessionState(session.ownerId(), session.lastSequence(),
                session.costUsd().add(cost.usd()), session.costInr().add(cost.inr()));
        batch.memory(SessionState.class).put(sessionId.value(), added);
        updateSession(batch, sessionId, sequence, new Update().inc("totalTokens", usage.totalTokens())
                .set("costUsd", added.costUsd())
                .set("costInr", added.costInr())
                .set("lastActivityAt", at));
    }

    /** The session as this batch has it; see {@link ReadModelBatch#remembered}. */
    private SessionState session(ReadModelBatch batch, SessionId sessionId) {
        return batch.remembered(SessionState.class, sessionId.value(), SESSION_AGGREGATE_TYPE, id -> id,
                ChatSessionDocument.class, ChatSessionProjection::kept);
    }

    private static SessionState kept(ChatSessionDocument session) {
        return new SessionState(session.ownerId(), session.lastSequence(), session.costUsd(), session.costInr());
    }

    /** Moves the session on, if the event is newer than the last one it holds. */
    private void updateSession(ReadModelBatch batch, SessionId sessionId, long sequence, Update update) {
        batch.memory(SessionState.class).computeIfPresent(sessionId.value(), (id, session) ->
                session.lastSequence() >= sequence ? session
                        : new SessionState(session.ownerId(), sequence, session.costUsd(), session.costInr()));
        batch.updateFirst(ChatSessionDocument.class,
                Query.query(Criteria.where("_id").is(sessionId.value()).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
