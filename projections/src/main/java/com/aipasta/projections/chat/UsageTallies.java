package com.aipasta.projections.chat;

import com.aipasta.chat.api.value.Cost;
import com.aipasta.projections.ReadModelBatch;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Additions to the users' usage tallies ({@link UsageTallyDocument}): those of a batch's events, written with the
 * batch as one upsert a tally, or those of a user's messages counted whole, which replace the user's tallies. Both
 * write the same upserts, so a tally reads the same however it was counted.
 */
final class UsageTallies {

    private static final String FAILED = "failed";

    private static final class Counts {
        private long messages;
        private long answers;
        private long failedAnswers;
        private long tokens;
        private long costUsd;
        private long costInr;
    }

    private record Tally(String ownerId, String kind, String key, Counts counts) {

        Update update() {
            return new Update().setOnInsert("ownerId", ownerId).setOnInsert("kind", kind).setOnInsert("key", key)
                    .inc("messages", counts.messages).inc("answers", counts.answers)
                    .inc("failedAnswers", counts.failedAnswers).inc("tokens", counts.tokens)
                    .inc("costUsd", counts.costUsd).inc("costInr", counts.costInr);
        }
    }

    private final ReadModelBatch batch;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final Set<String> countedAgain = new HashSet<>();

    private UsageTallies(ReadModelBatch batch) {
        this.batch = batch;
    }

    /** The additions of the batch's events so far. */
    static UsageTallies of(ReadModelBatch batch) {
        return batch.memory(UsageTallies.class).computeIfAbsent("", key -> new UsageTallies(batch));
    }

    /** Replaces the user's tallies with those counted from all of the user's messages. */
    static void countAgain(MongoTemplate mongo, String ownerId) {
        UsageTallies counted = new UsageTallies(null);
        mongo.stream(Query.query(Criteria.where("ownerId").is(ownerId)), ChatMessageDocument.class)
                .forEach(message -> counted.add(ownerId, message));
        mongo.remove(Query.query(Criteria.where("ownerId").is(ownerId)), UsageTallyDocument.class);
        counted.writeTo(mongo);
    }

    /** Counts the user's tallies again from the messages once the batch is written, once a batch. */
    void countAgainOnceWritten(MongoTemplate mongo, String ownerId) {
        if (countedAgain.add(ownerId)) {
            batch.afterWrites(() -> countAgain(mongo, ownerId));
        }
    }

    private void add(String ownerId, ChatMessageDocument message) {
        if (!"assistant".equals(message.role())) {
            posted(ownerId, message.createdAt());
            return;
        }
        String modelId = String.valueOf(message.modelId());
        started(ownerId, modelId, message.createdAt());
        if (message.finishedAt() != null) {
            ended(ownerId, modelId, message.finishedAt(), message.usage() == null ? 0 : message.usage().totalTokens(),
                    new Cost(message.costUsd(), message.costInr()), FAILED.equals(message.status()));
        }
    }

    void posted(String ownerId, Instant at) {
        count(ownerId, at, null, counts -> counts.messages++);
    }

    void started(String ownerId, String modelId, Instant at) {
        count(ownerId, at, modelId, counts -> counts.answers++);
    }

    void ended(String ownerId, String modelId, Instant at, long tokens, Cost cost, boolean failed) {
        long usd = UsageTallyDocument.units(cost.usd(), UsageTallyDocument.USD_SCALE);
        long inr = UsageTallyDocument.units(cost.inr(), UsageTallyDocument.INR_SCALE);
        count(ownerId, at, modelId, counts -> {
            counts.tokens += tokens;
            counts.costUsd += usd;
            counts.costInr += inr;
            counts.failedAnswers += failed ? 1 : 0;
        });
    }

    private void count(String ownerId, Instant at, String modelId, Consumer<Counts> change) {
        count(ownerId, UsageTallyDocument.TOTAL, null, change);
        count(ownerId, UsageTallyDocument.DAY, LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), change);
        if (modelId != null) {
            count(ownerId, UsageTallyDocument.MODEL, modelId, change);
        }
    }

    /** A tally the batch had not touched yet is queued once changed, since a batch outside a unit of work sends it. */
    private void count(String ownerId, String kind, String key, Consumer<Counts> change) {
        String id = UsageTallyDocument.id(kind, ownerId, key);
        Tally tally = tallies.get(id);
        boolean touched = tally != null;
        if (!touched) {
            tally = new Tally(ownerId, kind, key, new Counts());
            tallies.put(id, tally);
        }
        change.accept(tally.counts());
        if (!touched && batch != null) {
            batch.upsertLatest(UsageTallyDocument.class, byId(id), tally::update);
        }
    }

    private void writeTo(MongoTemplate mongo) {
        if (tallies.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, UsageTallyDocument.class);
        tallies.forEach((id, tally) -> bulk.upsert(byId(id), tally.update()));
        bulk.execute();
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
