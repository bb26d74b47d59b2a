package com.aipasta.projections.leaderboard;

import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The leaderboard's writes of one batch of events, sent as the batch prepares to commit (at once outside a unit of
 * work). The tallies are increments, so a redelivered event must not add to them again: before the tallies move, the
 * batch's new answers are stored and each answer whose change they take in is marked with that event's sequence
 * number ({@code tallySequence}), and only then are the answers' documents changed, which is what a reader waiting for
 * an answer looks at. A batch that meets an
 * event its answer is already marked with (after a crash, or a batch handled again) increments nothing: once its
 * answers are written it counts again, from the answers, every hour its events touch, and adds up their days and all
 * time again from the hours.
 */
final class LeaderboardBatch {

    private static final String RESOURCE = LeaderboardBatch.class.getName();
    private static final String TALLY_SEQUENCE = "tallySequence";
    private static final Duration HOUR = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final boolean immediate;
    private final List<? extends Message<?>> events;
    private final Map<String, CountedAnswer> answers = new HashMap<>();
    private final Set<String> comparisonsRead = new HashSet<>();
    private final List<Consumer<BulkOperations>> marks = new ArrayList<>();
    private final Map<String, Update> startedHere = new HashMap<>();
    private final List<Consumer<BulkOperations>> writes = new ArrayList<>();
    private final TallySums increments = new TallySums(EnumSet.allOf(TallySpan.class));
    private boolean redelivered;

    private LeaderboardBatch(MongoTemplate mongo, boolean immediate, List<? extends Message<?>> events) {
        this.mongo = mongo;
        this.immediate = immediate;
        this.events = events;
    }

    static LeaderboardBatch current(MongoTemplate mongo) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new LeaderboardBatch(mongo, true, List.of());
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            LeaderboardBatch batch = new LeaderboardBatch(mongo, false,
                    unitOfWork instanceof BatchingUnitOfWork<?> batching ? batching.getMessages() : List.of());
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }

    /** The answer as this batch has it, null if there is none; the batch's answers are read together at first. */
    CountedAnswer answer(String messageId) {
        if (!answers.containsKey(messageId)) {
            Set<String> unread = new HashSet<>();
            for (Message<?> event : events) {
                String id = messageIdOf(event.getPayload());
                if (id != null && !answers.containsKey(id)) {
                    unread.add(id);
                }
            }
            unread.add(messageId);
            read(Query.query(Criteria.where("_id").in(unread)));
            unread.forEach(id -> answers.putIfAbsent(id, null));
        }
        return answers.get(messageId);
    }

    /**
     * A new answer, which counts for nothing until it ends. It is stored with the marks, so that a change of it in
     * the same batch finds it to mark.
     */
    void started(CountedAnswer answer, Query query, Update update) {
        if (answer(answer.id()) == null) {
            answers.put(answer.id(), answer);
        }
        startedHere.put(answer.id(), update);
        marks.add(bulk -> bulk.upsert(query, update));
        flushIfImmediate();
    }

    /**
     * The answer's change from {@code before} to {@code after}, which its event's sequence number comes with; an
     * answer this batch started is marked as it is stored.
     */
    void changed(CountedAnswer before, CountedAnswer after, Query query, Update update) {
        redelivered |= before.sequence() >= after.sequence();
        Collection<CountedAnswer> others = others(after);
        before.count(increments, -1, others);
        after.count(increments, 1, others);
        answers.put(after.id(), after);
        Update start = startedHere.get(after.id());
        if (start != null) {
            start.max(TALLY_SEQUENCE, after.sequence());
        } else {
            marks.add(bulk -> bulk.updateOne(Query.query(Criteria.where("_id").is(after.id())),
                    new Update().max(TALLY_SEQUENCE, after.sequence())));
        }
        write(bulk -> bulk.updateOne(query, update));
    }

    /** A change of an answer this batch does not know, which counts for nothing. */
    void unknown(Query query, Update update) {
        write(bulk -> bulk.updateOne(query, update));
    }

    void flush() {
        bulk(LeaderboardAnswerDocument.COLLECTION, marks);
        if (!redelivered) {
            List<Consumer<BulkOperations>> tallies = new ArrayList<>();
            increments.forEachIncrement((key, update) -> tallies.add(bulk ->
                    bulk.upsert(Query.query(Criteria.where("_id").is(key.id())), update)));
            bulk(LeaderboardTallyDocument.COLLECTION, tallies);
        }
        bulk(LeaderboardAnswerDocument.COLLECTION, writes);
        if (redelivered) {
            recount(increments.keys().stream().filter(key -> key.span() == TallySpan.HOUR)
                    .map(TallySums.Key::bucket).collect(Collectors.toCollection(TreeSet::new)));
        }
        marks.clear();
        startedHere.clear();
        writes.clear();
        answers.clear();
        comparisonsRead.clear();
        increments.clear();
        redelivered = false;
    }

    /**
     * Counts every hour an answer ended in when no tally is stored but answers ended: answers stored before tallies
     * were kept. A reset empties both.
     */
    static void countIfMissing(MongoTemplate mongo) {
        if (mongo.exists(Query.query(Criteria.where("span").is(TallySpan.ALL.name())), LeaderboardTallyDocument.class)) {
            return;
        }
        Query ended = Query.query(Criteria.where("endedAt").gte(Instant.EPOCH));
        ended.fields().include("endedAt");
        Set<Instant> hours = new TreeSet<>();
        mongo.find(ended, Document.class, LeaderboardAnswerDocument.COLLECTION)
                .forEach(answer -> hours.add(TallySpan.HOUR.bucket(answer.getDate("endedAt").toInstant())));
        new LeaderboardBatch(mongo, true, List.of()).recount(hours);
    }

    /** Counts the hours again from their answers, then their days from the hours and all time from the days. */
    private void recount(Set<Instant> hours) {
        Set<Instant> days = new TreeSet<>();
        for (Instant hour : hours) {
            TallySums counted = new TallySums(EnumSet.of(TallySpan.HOUR));
            List<CountedAnswer> ended = mongo.find(Query.query(Criteria.where("endedAt").gte(hour)
                    .lt(hour.plus(HOUR))), LeaderboardAnswerDocument.class).stream().map(CountedAnswer::of).toList();
            Set<String> comparisons = new HashSet<>();
            ended.stream().filter(answer -> answer.vote() != null && answer.comparisonId() != null)
                    .forEach(answer -> comparisons.add(answer.comparisonId()));
            Map<String, List<CountedAnswer>> compared = new HashMap<>();
            if (!comparisons.isEmpty()) {
                mongo.find(Query.query(Criteria.where("comparisonId").in(comparisons)), LeaderboardAnswerDocument.class)
                        .forEach(answer -> compared.computeIfAbsent(answer.comparisonId(), unused -> new ArrayList<>())
                                .add(CountedAnswer.of(answer)));
            }
            CountedAnswer.countAll(ended, compared, counted);
            replace(TallySpan.HOUR, hour, hour.plus(HOUR), counted);
            days.add(TallySpan.DAY.bucket(hour));
        }
        for (Instant day : days) {
            replace(TallySpan.DAY, day, day.plus(Duration.ofDays(1)), sumOf(TallySpan.HOUR, day,
                    day.plus(Duration.ofDays(1)), TallySpan.DAY, day));
        }
        if (!days.isEmpty()) {
            replace(TallySpan.ALL, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                    sumOf(TallySpan.DAY, Instant.EPOCH, Instant.MAX, TallySpan.ALL, Instant.EPOCH));
        }
    }

    private TallySums sumOf(TallySpan span, Instant from, Instant to, TallySpan into, Instant bucket) {
        TallySums sums = new TallySums(EnumSet.of(into));
        tallies(span, from, to).forEach(tally -> sums.add(tally, into, bucket));
        return sums;
    }

    /** The stored tallies of the span starting in [from, to) become {@code counted}'s. */
    private void replace(TallySpan span, Instant from, Instant to, TallySums counted) {
        Set<String> kept = new HashSet<>();
        counted.forEachWhole((key, whole) -> {
            kept.add(key.id());
            mongo.getCollection(LeaderboardTallyDocument.COLLECTION).replaceOne(new Document("_id", key.id()), whole,
                    new ReplaceOptions().upsert(true));
        });
        List<String> gone = tallies(span, from, to).stream().map(LeaderboardTallyDocument::id)
                .filter(id -> !kept.contains(id)).toList();
        if (!gone.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(gone)), LeaderboardTallyDocument.class);
        }
    }

    private List<LeaderboardTallyDocument> tallies(TallySpan span, Instant from, Instant to) {
        Criteria inSpan = Criteria.where("span").is(span.name()).and("bucket").gte(Date.from(from));
        if (!to.equals(Instant.MAX)) {
            inSpan.lt(Date.from(to));
        }
        return mongo.find(Query.query(inSpan), LeaderboardTallyDocument.class);
    }

    /** The other answers of the answer's comparison, as this batch has them. */
    private Collection<CountedAnswer> others(CountedAnswer answer) {
        if (answer.comparisonId() == null) {
            return List.of();
        }
        if (comparisonsRead.add(answer.comparisonId())) {
            read(Query.query(Criteria.where("comparisonId").is(answer.comparisonId())));
        }
        return answers.values().stream().filter(Objects::nonNull)
                .filter(other -> answer.comparisonId().equals(other.comparisonId())
                        && !other.id().equals(answer.id()))
                .toList();
    }

    private void read(Query query) {
        query.fields().include("modelId", "provider", "category", "outcome", "endedAt", "latencyMs",
                "timeToFirstTokenMs", "totalTokens", "vote", "comparisonId", "lastSequence", TALLY_SEQUENCE);
        mongo.find(query, Document.class, LeaderboardAnswerDocument.COLLECTION).forEach(stored -> {
            LeaderboardAnswerDocument answer = mongo.getConverter().read(LeaderboardAnswerDocument.class, stored);
            Number marked = stored.get(TALLY_SEQUENCE, Number.class);
            answers.putIfAbsent(answer.id(), CountedAnswer.of(answer,
                    Math.max(answer.lastSequence(), marked == null ? -1 : marked.longValue())));
        });
    }

    private void write(Consumer<BulkOperations> change) {
        writes.add(change);
        flushIfImmediate();
    }

    private void flushIfImmediate() {
        if (immediate) {
            flush();
        }
    }

    private void bulk(String collection, List<Consumer<BulkOperations>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
        changes.forEach(change -> change.accept(bulk));
        bulk.execute();
    }

    private static String messageIdOf(Object payload) {
        if (payload instanceof AssistantMessageStartedEvent event) {
            return event.messageId();
        }
        if (payload instanceof AssistantMessageCompletedEvent event) {
            return event.messageId();
        }
        if (payload instanceof AssistantMessageFailedEvent event) {
            return event.messageId();
        }
        return payload instanceof MessageRatedEvent event ? event.messageId() : null;
    }
}
