package com.aipasta.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The writes of one batch of an event processor, sent when the batch is about to commit: one bulk write for each
 * collection the batch touched instead of a round trip for each change. A processor's token is stored only after
 * this (see the ops module's token store), so a batch whose writes fail is handled again, like one whose handler
 * failed. Every write queued here is idempotent on its own, as the projections' writes always were, so a batch cut
 * short anywhere leaves nothing that its redelivery does not set right.
 * <p>
 * A collection gets the documents {@link #save saved} or {@link #delete deleted} whole first, each as the batch left
 * it, and then the changes queued by query, in the order they were queued: a handler saves a document whole when it
 * creates it or holds all of it, never after changing it by query in the same batch. Collections are written in the
 * order the batch first touched them, except those {@link #writeFirst written first} and {@link #writeLast last}: the
 * documents whose version readers wait for must not be seen before what they vouch for, and what marks an event
 * handled comes before the changes a redelivery must not make again. A handler that needs what this batch may have
 * changed keeps it in the batch's {@link #memory}, or {@link #flush}es before it reads. Outside a unit of work (a
 * handler called directly) every write is sent at once.
 */
public final class ReadModelBatch {

    private static final String RESOURCE = ReadModelBatch.class.getName();
    private static final FindAndReplaceOptions UPSERT = FindAndReplaceOptions.options().upsert();

    private final MongoTemplate mongo;
    private final boolean immediate;
    private final List<? extends Message<?>> events;
    private static final Object DELETED = new Object();

    private record Pending(Map<Object, Object> whole, List<Consumer<BulkOperations>> changes) {
        Pending() {
            this(new LinkedHashMap<>(), new ArrayList<>());
        }
    }

    private final Map<Class<?>, Pending> pending = new LinkedHashMap<>();
    private final Set<Class<?>> first = new HashSet<>();
    private final Set<Class<?>> last = new HashSet<>();
    private final Map<Class<?>, Map<String, ?>> memories = new HashMap<>();
    private final List<Runnable> beforeWrites = new ArrayList<>();
    private final List<Runnable> afterWrites = new ArrayList<>();
    private boolean flushing;

    private ReadModelBatch(MongoTemplate mongo, boolean immediate, List<? extends Message<?>> events) {
        this.mongo = mongo;
        this.immediate = immediate;
        this.events = events;
    }

    /** The batch of the unit of work under way, sent as it prepares to commit; without one, one that writes at once. */
    public static ReadModelBatch current(MongoTemplate mongo) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ReadModelBatch(mongo, true, List.of());
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            ReadModelBatch batch = new ReadModelBatch(mongo, false,
                    unitOfWork instanceof BatchingUnitOfWork<?> events ? events.getMessages() : List.of());
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }

    /** Stores the document whole under its id, replacing what this batch or an earlier one stored there. */
    public void save(Object document) {
        whole(document.getClass(), idOf(document), document);
    }

    private Object idOf(Object document) {
        return mongo.getConverter().getMappingContext().getRequiredPersistentEntity(document.getClass())
                .getIdentifierAccessor(document).getRequiredIdentifier();
    }

    public void delete(Class<?> type, Object id) {
        whole(type, id, DELETED);
    }

    public void upsert(Class<?> type, Query query, Update update) {
        change(type, bulk -> bulk.upsert(query, update));
    }

    /** Like {@link #upsert}, with the update {@code latest} gives when the batch is sent: changes a batch adds up. */
    public void upsertLatest(Class<?> type, Query query, Supplier<Update> latest) {
        change(type, bulk -> bulk.upsert(query, latest.get()));
    }

    /** Changes the first document the query matches, if any. */
    public void updateFirst(Class<?> type, Query query, Update update) {
        change(type, bulk -> bulk.updateOne(query, update));
    }

    /** Removes every document the query matches. */
    public void remove(Class<?> type, Query query) {
        change(type, bulk -> bulk.remove(query));
    }

    /** Writes the type's documents before every other collection's, whenever this batch is sent. */
    public void writeFirst(Class<?> type) {
        first.add(type);
    }

    /** Writes the type's documents after every other collection's, whenever this batch is sent. */
    public void writeLast(Class<?> type) {
        last.add(type);
    }

    /**
     * What the handlers of this batch keep of the type by key, for as long as the batch lives: state they fold in
     * memory and write as they go, read from the database once a batch instead of once an event.
     */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> memory(Class<T> type) {
        return (Map<String, T>) memories.computeIfAbsent(type, key -> new HashMap<String, T>());
    }

    /**
     * What the batch keeps of the type under {@code key} (see {@link #memory}), read the first time a handler needs it
     * together with what it keeps of every other aggregate of {@code aggregateType} the batch has events of, in one
     * query of the {@code stored} documents by id ({@code keyOf} gives an aggregate's id there, {@code asKept} what is
     * kept of a document found), where each read one at a time, as the batch came to it, waited its turn at the busy
     * database. A key not found is kept as null, absent, and not read again in the batch. An aggregate whose first
     * event is in the batch is taken as absent unread: its events in the batch fold it from its start, so a
     * redelivered batch that finds it stored arrives at what is stored.
     */
    public <D, T> T remembered(Class<T> type, String key, String aggregateType, UnaryOperator<String> keyOf,
                               Class<D> stored, Function<D, T> asKept) {
        Map<String, T> kept = memory(type);
        if (!kept.containsKey(key)) {
            Set<String> started = new HashSet<>();
            Set<String> unread = new HashSet<>();
            eachEventOf(aggregateType, event -> (event.getSequenceNumber() == 0 ? started : unread)
                    .add(keyOf.apply(event.getAggregateIdentifier())));
            unread.removeAll(started);
            unread.removeAll(kept.keySet());
            if (!started.contains(key)) {
                unread.add(key);
            }
            Map<Object, T> found = new HashMap<>();
            if (!unread.isEmpty()) {
                mongo.find(Query.query(Criteria.where("_id").in(unread)), stored)
                        .forEach(document -> found.put(idOf(document), asKept.apply(document)));
            }
            unread.forEach(read -> kept.put(read, found.get(read)));
            started.forEach(absent -> kept.putIfAbsent(absent, null));
        }
        return kept.get(key);
    }

    /** The ids of the aggregates of {@code aggregateType} that this batch has events of. */
    public Set<String> aggregates(String aggregateType) {
        Set<String> ids = new HashSet<>();
        eachEventOf(aggregateType, event -> ids.add(event.getAggregateIdentifier()));
        return ids;
    }

    private void eachEventOf(String aggregateType, Consumer<DomainEventMessage<?>> action) {
        for (Message<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent && aggregateType.equals(domainEvent.getType())) {
                action.accept(domainEvent);
            }
        }
    }

    /**
     * Runs when the batch is about to be sent, before any of its writes: it may read what is stored before the batch
     * and queue writes of its own.
     */
    public void beforeWrites(Runnable action) {
        beforeWrites.add(action);
    }

    /** Runs once the writes queued so far are stored. */
    public void afterWrites(Runnable action) {
        if (immediate && !flushing) {
            action.run();
        } else {
            afterWrites.add(action);
        }
    }

    /** Sends what is queued, collection by collection. */
    public void flush() {
        flushing = true;
        try {
            List<Runnable> preparations = List.copyOf(beforeWrites);
            beforeWrites.clear();
            preparations.forEach(Runnable::run);
            write();
        } finally {
            flushing = false;
        }
        List<Runnable> actions = List.copyOf(afterWrites);
        afterWrites.clear();
        actions.forEach(Runnable::run);
    }

    private void write() {
        List<Class<?>> order = new ArrayList<>(pending.keySet());
        order.sort(Comparator.comparingInt(type -> first.contains(type) ? 0 : last.contains(type) ? 2 : 1));
        for (Class<?> type : order) {
            Pending writes = pending.get(type);
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, type);
            List<Object> deleted = new ArrayList<>();
            writes.whole().forEach((id, document) -> {
                if (document == DELETED) {
                    deleted.add(id);
                } else {
                    bulk.replaceOne(byId(id), document, UPSERT);
                }
            });
            if (!deleted.isEmpty()) {
                bulk.remove(Query.query(Criteria.where("_id").in(deleted)));
            }
            writes.changes().forEach(change -> change.accept(bulk));
            bulk.execute();
        }
        pending.clear();
    }

    private void whole(Class<?> type, Object id, Object document) {
        pending.computeIfAbsent(type, key -> new Pending()).whole().put(id, document);
        sendIfImmediate();
    }

    private void change(Class<?> type, Consumer<BulkOperations> change) {
        pending.computeIfAbsent(type, key -> new Pending()).changes().add(change);
        sendIfImmediate();
    }

    private void sendIfImmediate() {
        if (immediate && !flushing) {
            flush();
        }
    }

    private static Query byId(Object id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
