package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.aipasta.command.config.WriteSideState;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers not finished yet and the reservations not closed yet, with when they started: the state
 * {@link AnswerTimeouts} decides from, fed by the chat and wallet events in the write side's state processor and kept in
 * collections of its own, so it survives a restart. Writes are upserts and deletes by id, so a redelivered event
 * changes nothing. They are kept until the processor's batch prepares to commit (before its token is stored) and
 * sent then, one bulk write a collection, each entry as the batch left it: a turn begun and ended in one batch is
 * only deleted, with the collection's other closed entries in one delete.
 */
@Component
@ProcessingGroup(WriteSideState.PROCESSING_GROUP)
public class OpenTurns {

    static final String ANSWERS = "answer_timeouts_answers";
    static final String RESERVATIONS = "answer_timeouts_reservations";
    private static final String STARTED_AT = "startedAt";

    /** An answer not yet ended, and what its prompt counts (0 for answers recorded before that was). */
    record OpenAnswer(SessionId sessionId, UserId ownerId, String messageId, long promptTokens) {
    }

    record OpenReservation(WalletId walletId, String requestId) {
    }

    private static final String PENDING = OpenTurns.class.getName() + ".pending";

    private final MongoTemplate mongo;

    public OpenTurns(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(ANSWERS).ensureIndex(new Index().on(STARTED_AT, Sort.Direction.ASC));
        mongo.indexOps(RESERVATIONS).ensureIndex(new Index().on(STARTED_AT, Sort.Direction.ASC));
    }

    @EventHandler
    @DisallowReplay
    void on(AssistantMessageStartedEvent event) {
        open(ANSWERS, event.messageId(), event.startedAt(), new Document("sessionId", event.sessionId().value())
                .append("ownerId", event.ownerId().value())
                .append("promptTokens", event.promptTokens() == null ? 0L : event.promptTokens()));
    }

    @EventHandler
    @DisallowReplay
    void on(AssistantMessageCompletedEvent event) {
        close(ANSWERS, event.messageId());
    }

    @EventHandler
    @DisallowReplay
    void on(AssistantMessageFailedEvent event) {
        close(ANSWERS, event.messageId());
    }

    @EventHandler
    @DisallowReplay
    void on(TokensReservedEvent event) {
        open(RESERVATIONS, event.requestId(), event.reservedAt(), new Document("ownerId",
                event.walletId().owner().value()));
    }

    @EventHandler
    @DisallowReplay
    void on(ReservationSettledEvent event) {
        close(RESERVATIONS, event.requestId());
    }

    @EventHandler
    @DisallowReplay
    void on(ReservationReleasedEvent event) {
        close(RESERVATIONS, event.requestId());
    }

    /** Answers started before {@code cutoff} that have not finished. */
    List<OpenAnswer> answersStartedBefore(Instant cutoff) {
        return startedBefore(ANSWERS, cutoff).stream()
                .map(answer -> new OpenAnswer(new SessionId(answer.getString("sessionId")),
                        new UserId(answer.getString("ownerId")), answer.getString("_id"),
                        answer.get("promptTokens", 0L)))
                .toList();
    }

    /** Reservations taken before {@code cutoff} that are neither settled nor released. */
    List<OpenReservation> reservationsTakenBefore(Instant cutoff) {
        return startedBefore(RESERVATIONS, cutoff).stream()
                .map(reservation -> new OpenReservation(WalletId.of(new UserId(reservation.getString("ownerId"))),
                        reservation.getString("_id")))
                .toList();
    }

    private List<Document> startedBefore(String collection, Instant cutoff) {
        return mongo.find(Query.query(Criteria.where(STARTED_AT).lt(Date.from(cutoff))), Document.class, collection);
    }

    private void open(String collection, String id, Instant startedAt, Document fields) {
        Document entry = new Document("_id", id).append(STARTED_AT, Date.from(startedAt));
        entry.putAll(fields);
        write(collection, id, Optional.of(entry));
    }

    private void close(String collection, String id) {
        write(collection, id, Optional.empty());
    }

    /** Keeps the entry's last state for the batch under way; outside a unit of work, writes it at once. */
    private void write(String collection, String id, Optional<Document> entry) {
        if (!CurrentUnitOfWork.isStarted()) {
            send(Map.of(collection, Map.of(id, entry)));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<Map<String, Map<String, Optional<Document>>>>getOrComputeResource(PENDING, key -> {
            Map<String, Map<String, Optional<Document>>> pending = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> send(pending));
            return pending;
        }).computeIfAbsent(collection, name -> new LinkedHashMap<>()).put(id, entry);
    }

    private void send(Map<String, Map<String, Optional<Document>>> pending) {
        pending.forEach((collection, entries) -> {
            List<WriteModel<Document>> writes = new ArrayList<>();
            List<String> closed = new ArrayList<>();
            entries.forEach((id, entry) -> entry.ifPresentOrElse(
                    open -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), open,
                            new ReplaceOptions().upsert(true))),
                    () -> closed.add(id)));
            if (!closed.isEmpty()) {
                writes.add(new DeleteManyModel<>(Filters.in("_id", closed)));
            }
            mongo.getCollection(collection).bulkWrite(writes);
        });
    }
}
