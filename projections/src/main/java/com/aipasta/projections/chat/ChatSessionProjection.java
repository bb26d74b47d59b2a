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

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sessions and their messages, written once a batch (see {@link ReadModelBatch}), and each user's usage tallies
 * ({@link UsageTallyDocument}). The batch's sessions are read at once when it first needs one, folded in memory event
 * by event, and each written whole once: an event at or before the sequence number a session holds changes nothing, so
 * a redelivery folds to what is stored. An answer started in the batch is kept in memory too, and written once with
 * how it ended; one that started before is changed by setting fields, which a redelivery sets to the same values. A
 * message recorded or changing status is sent, as this read model holds it once the batch is written, to the
 * subscriptions that follow its session ({@link FollowSessionQuery}); none during a replay, and no read when nobody
 * follows.
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
        if (session(batch, event.sessionId()) == null) {
            keep(batch, ChatSessionDocument.started(event.sessionId().value(), event.ownerId().value(), event.title(),
                    event.systemInstruction(), event.modelId(), event.startedAt(), sequence));
        }
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
        changeSession(batch, event.sessionId(), sequence,
                session -> session.withMessage(event.messageId(), event.postedAt()));
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
        changeSession(batch, event.sessionId(), sequence,
                session -> session.withMessage(event.messageId(), event.postedAt()));
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
        batch.memory(ChatMessageDocument.class).put(message.id(), message);
        changeSession(batch, event.sessionId(), sequence, session -> session
                .withMessage(event.messageId(), event.startedAt()).answeredBy(event.model().modelId()));
        tally(batch, handledBefore, ownerId,
                tallies -> tallies.started(ownerId, event.model().modelId(), event.startedAt()));
        follow(batch, event.sessionId(), replay, () -> message);
    }

    @EventHandler
    void on(AssistantMessageCompletedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = owner(batch, event.sessionId(), event.ownerId());
        Supplier<ChatMessageDocument> ended = finish(batch, event.messageId(), started -> started.finished(
                event.content(), event.thoughts(), "complete", event.usage(), event.cost(), event.completedAt(),
                event.latencyMs(), event.timeToFirstTokenMs(), event.finishReason(), null, null),
                set(finished(event.content(), event.thoughts(), "complete", event.usage(), event.cost(),
                        event.completedAt())
                        .set("latencyMs", event.latencyMs())
                        .set("timeToFirstTokenMs", event.timeToFirstTokenMs()), "finishReason", event.finishReason()));
        changeSession(batch, event.sessionId(), sequence, session -> session.withAnswerTotals(
                event.usage().totalTokens(), event.cost(), event.completedAt()));
        tally(batch, handledBefore, ownerId, tallies -> tallies.ended(ownerId, event.model().modelId(),
                event.completedAt(), event.usage().totalTokens(), event.cost(), false));
        follow(batch, event.sessionId(), replay, ended);
    }

    @EventHandler
    void on(AssistantMessageFailedEvent event, @SequenceNumber long sequence, ReplayStatus replay) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        boolean handledBefore = handledBefore(batch, event.sessionId(), sequence);
        String ownerId = owner(batch, event.sessionId(), event.ownerId());
        String partial = event.partialContent() == null ? "" : event.partialContent();
        String status = partial.isEmpty() ? "failed" : "partial";
        Supplier<ChatMessageDocument> ended = finish(batch, event.messageId(), started -> started.finished(partial,
                event.thoughts(), status, event.usage(), event.cost(), event.failedAt(), started.latencyMs(),
                started.timeToFirstTokenMs(), started.finishReason(), event.errorCode(), event.errorMessage()),
                set(set(finished(partial, event.thoughts(), status, event.usage(), event.cost(), event.failedAt()),
                        "errorCode", event.errorCode()), "errorMessage", event.errorMessage()));
        changeSession(batch, event.sessionId(), sequence, session -> session.withAnswerTotals(
                event.usage().totalTokens(), event.cost(), event.failedAt()));
        tally(batch, handledBefore, ownerId, tallies -> tallies.ended(ownerId, event.model().modelId(),
                event.failedAt(), event.usage().totalTokens(), event.cost(), partial.isEmpty()));
        follow(batch, event.sessionId(), replay, ended);
    }

    @EventHandler
    void on(SessionRenamedEvent event, @SequenceNumber long sequence) {
        changeSession(ReadModelBatch.current(mongo), event.sessionId(), sequence,
                session -> session.titled(event.title()));
    }

    @EventHandler
    void on(SessionSettingsChangedEvent event, @SequenceNumber long sequence) {
        changeSession(ReadModelBatch.current(mongo), event.sessionId(), sequence,
                session -> session.withSettings(event.modelId(), event.options()));
    }

    @EventHandler
    void on(SessionDeletedEvent event, @SequenceNumber long sequence) {
        changeSession(ReadModelBatch.current(mongo), event.sessionId(), sequence, ChatSessionDocument::asDeleted);
    }

    /** Reads the message once what the batch wrote so far is written: deletions are rare enough not to be kept. */
    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.flush();
        ChatMessageDocument message = mongo.findById(event.messageId(), ChatMessageDocument.class);
        batch.updateFirst(ChatMessageDocument.class, byId(event.messageId()), new Update().set("deleted", true));
        String parentId = message == null ? null : message.parentId();
        changeSession(batch, event.sessionId(), sequence,
                session -> session.withoutMessage(event.messageId(), parentId));
    }

    /** The account is gone: its conversations go with it. */
    @EventHandler
    void on(UserDeletedEvent event) {
        String ownerId = event.userId().value();
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.remove(ChatMessageDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.remove(ChatSessionDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.remove(UsageTallyDocument.class, Query.query(Criteria.where("ownerId").is(ownerId)));
        batch.memory(ChatSessionDocument.class).values()
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

    /** Whether the session's stored document had handled the event when the batch began. */
    private boolean handledBefore(ReadModelBatch batch, SessionId sessionId, long sequence) {
        countTalliesIfMissing();
        readSessions(batch, sessionId);
        return batch.memory(StoredSequence.class).get(sessionId.value()).value() >= sequence;
    }

    /** The session as the batch has folded it so far; null if there is none. */
    private ChatSessionDocument session(ReadModelBatch batch, SessionId sessionId) {
        readSessions(batch, sessionId);
        return batch.memory(ChatSessionDocument.class).get(sessionId.value());
    }

    /**
     * Reads the session with every other session of the batch not read yet, those it starts too, which only a batch
     * handled again finds: the batch reads its sessions once.
     */
    private void readSessions(ReadModelBatch batch, SessionId sessionId) {
        Map<String, StoredSequence> stored = batch.memory(StoredSequence.class);
        if (stored.containsKey(sessionId.value())) {
            return;
        }
        Set<String> unread = new HashSet<>(batch.aggregates(SESSION_AGGREGATE_TYPE));
        unread.add(sessionId.value());
        unread.removeAll(stored.keySet());
        Map<String, ChatSessionDocument> found = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(unread)), ChatSessionDocument.class)
                .forEach(session -> found.put(session.id(), session));
        Map<String, ChatSessionDocument> sessions = batch.memory(ChatSessionDocument.class);
        for (String id : unread) {
            ChatSessionDocument session = found.get(id);
            stored.put(id, new StoredSequence(session == null ? -1 : session.lastSequence()));
            sessions.putIfAbsent(id, session);
        }
    }

    /** Folds an event into the session, if it is newer than the last one the session holds. */
    private void changeSession(ReadModelBatch batch, SessionId sessionId, long sequence,
                               UnaryOperator<ChatSessionDocument> change) {
        ChatSessionDocument session = session(batch, sessionId);
        if (session != null && session.lastSequence() < sequence) {
            keep(batch, change.apply(session).at(sequence));
        }
    }

    private static void keep(ReadModelBatch batch, ChatSessionDocument session) {
        batch.memory(ChatSessionDocument.class).put(session.id(), session);
        batch.save(session);
    }

    /**
     * Ends the answer: the one this batch started is written whole, as it ended; one started before is changed by
     * {@code update}. Gives the answer as stored once the batch is written.
     */
    private Supplier<ChatMessageDocument> finish(ReadModelBatch batch, String messageId,
                                                 UnaryOperator<ChatMessageDocument> ended, Update update) {
        Map<String, ChatMessageDocument> started = batch.memory(ChatMessageDocument.class);
        ChatMessageDocument answer = started.get(messageId);
        if (answer == null) {
            batch.updateFirst(ChatMessageDocument.class, byId(messageId), update);
            return () -> mongo.findById(messageId, ChatMessageDocument.class);
        }
        ChatMessageDocument finished = ended.apply(answer);
        started.put(messageId, finished);
        batch.save(finished);
        return () -> finished;
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

    private static Update finished(String content, String thoughts, String status, TokenCount usage, Cost cost,
                                   Instant at) {
        return set(new Update().set("content", content), "thoughts", thoughts).set("status", status)
                .set("usage", usage).set("costUsd", cost.usd()).set("costInr", cost.inr()).set("finishedAt", at);
    }

    /** Sets the field, or leaves it out where the value is null, as a message saved whole is stored. */
    private static Update set(Update update, String field, Object value) {
        return value == null ? update.unset(field) : update.set(field, value);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
