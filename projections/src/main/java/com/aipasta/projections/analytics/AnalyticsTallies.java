package com.aipasta.projections.analytics;

import com.aipasta.projections.ReadModelBatch;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import static com.aipasta.projections.analytics.AnalyticsTallyDocument.ALL;
import static com.aipasta.projections.analytics.AnalyticsTallyDocument.DAY;
import static com.aipasta.projections.analytics.AnalyticsTallyDocument.MODEL;
import static com.aipasta.projections.analytics.AnalyticsTallyDocument.REFUNDS;
import static com.aipasta.projections.analytics.AnalyticsTallyDocument.REVENUE;
import static com.aipasta.projections.analytics.AnalyticsTallyDocument.TOTAL;

/**
 * The analytics tallies ({@link AnalyticsTallyDocument}) and active users ({@link ActiveUserDocument}) of a batch's
 * facts. A fact already stored when the batch is about to be sent was handled by a batch before, which may or may not
 * have written what it added: the days of such facts are counted again from their facts once the batch is written,
 * and all time from the days ({@link #countAgain}). Facts are written before the tallies and active users, so a fact
 * that is not stored was never counted. Counting again writes the same upserts as the batches do, so a tally reads
 * the same however it was counted.
 */
final class AnalyticsTallies {

    private final ReadModelBatch batch;
    private final MongoTemplate mongo;
    private final Map<String, SignupFact> signups = new LinkedHashMap<>();
    private final Map<String, AnswerFact> answers = new LinkedHashMap<>();
    private final Map<String, PaymentFact> ordered = new HashMap<>();
    private final Map<String, Instant> paid = new LinkedHashMap<>();
    private final Map<String, RefundFact> refunds = new LinkedHashMap<>();
    private boolean queued;

    private AnalyticsTallies(ReadModelBatch batch, MongoTemplate mongo) {
        this.batch = batch;
        this.mongo = mongo;
    }

    /** The facts of the batch so far, counted when the batch is about to be sent. */
    static AnalyticsTallies of(ReadModelBatch batch, MongoTemplate mongo) {
        AnalyticsTallies tallies = batch.memory(AnalyticsTallies.class)
                .computeIfAbsent("", key -> new AnalyticsTallies(batch, mongo));
        if (!tallies.queued) {
            tallies.queued = true;
            batch.writeLast(AnalyticsTallyDocument.class);
            batch.writeLast(ActiveUserDocument.class);
            batch.beforeWrites(tallies::count);
        }
        return tallies;
    }

    void signedUp(SignupFact signup) {
        signups.put(signup.userId(), signup);
        batch.save(signup);
    }

    void answered(AnswerFact answer) {
        answers.put(answer.messageId(), answer);
        batch.save(answer);
    }

    /** An order, which counts once it is {@link #paid}. */
    void ordered(PaymentFact order) {
        ordered.put(order.orderId(), order);
        batch.upsert(PaymentFact.class, Counts.byId(order.orderId()), new Update()
                .set("userId", order.userId())
                .set("planId", order.planId())
                .set("currency", order.currency())
                .set("amount", order.amount())
                .set("tokens", order.tokens())
                .set("createdAt", order.createdAt()));
    }

    void paid(String orderId, Instant at) {
        paid.put(orderId, at);
        batch.updateFirst(PaymentFact.class, Counts.byId(orderId), new Update().set("paidAt", at));
    }

    void refunded(RefundFact refund) {
        refunds.put(refund.id(), refund);
        batch.save(refund);
    }

    private void count() {
        queued = false;
        Counts counts = new Counts(true);
        Set<Instant> countAgain = new TreeSet<>();
        countNew(SignupFact.class, signups, SignupFact::registeredAt, counts::signup, countAgain);
        countNew(AnswerFact.class, answers, AnswerFact::endedAt, counts::answer, countAgain);
        countNew(RefundFact.class, refunds, RefundFact::refundedAt, counts::refund, countAgain);
        Map<String, PaymentFact> storedOrders = new HashMap<>();
        if (!paid.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(paid.keySet())), PaymentFact.class)
                    .forEach(order -> storedOrders.put(order.orderId(), order));
        }
        paid.forEach((id, at) -> {
            PaymentFact order = storedOrders.getOrDefault(id, ordered.get(id));
            if (order != null && order.paidAt() != null) {
                countAgain.add(dayOf(at));
            } else if (order != null) {
                counts.payment(order, at);
            }
        });
        counts.queueOn(batch);
        if (!countAgain.isEmpty()) {
            batch.afterWrites(() -> countAgain(mongo, countAgain));
        }
        signups.clear();
        answers.clear();
        ordered.clear();
        paid.clear();
        refunds.clear();
    }

    /** Counts the facts not stored yet, and marks the days of those stored to be counted again. */
    private <F> void countNew(Class<F> type, Map<String, F> facts, Function<F, Instant> at, Consumer<F> count,
                              Set<Instant> countAgain) {
        Set<String> stored = stored(type, facts.keySet());
        facts.forEach((id, fact) -> {
            if (stored.contains(id)) {
                countAgain.add(dayOf(at.apply(fact)));
            } else {
                count.accept(fact);
            }
        });
    }

    private Set<String> stored(Class<?> type, Set<String> ids) {
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            Query query = Query.query(Criteria.where("_id").in(ids));
            query.fields().include("_id");
            mongo.find(query, Document.class, mongo.getCollectionName(type))
                    .forEach(document -> found.add(document.getString("_id")));
        }
        return found;
    }

    /**
     * Replaces the tallies and active users of the days with those counted from their facts, then the all-time
     * tallies with the days' sums.
     */
    static void countAgain(MongoTemplate mongo, Collection<Instant> days) {
        for (Instant day : days) {
            Instant end = day.plus(1, ChronoUnit.DAYS);
            Counts counted = new Counts(false);
            mongo.stream(within("registeredAt", day, end), SignupFact.class).forEach(counted::signup);
            mongo.stream(within("endedAt", day, end), AnswerFact.class).forEach(counted::answer);
            mongo.stream(within("paidAt", day, end), PaymentFact.class)
                    .forEach(order -> counted.payment(order, order.paidAt()));
            mongo.stream(within("refundedAt", day, end), RefundFact.class).forEach(counted::refund);
            Query ofTheDay = Query.query(Criteria.where("span").is(DAY).and("day").is(day));
            mongo.remove(ofTheDay, AnalyticsTallyDocument.class);
            mongo.remove(ofTheDay, ActiveUserDocument.class);
            counted.writeTo(mongo);
        }
        Counts allTime = new Counts(true);
        mongo.stream(Query.query(Criteria.where("span").is(DAY)), AnalyticsTallyDocument.class)
                .forEach(allTime::addDay);
        mongo.remove(Query.query(Criteria.where("span").is(ALL)), AnalyticsTallyDocument.class);
        allTime.writeTo(mongo);
    }

    /** Counts every day that has facts again: for facts stored before tallies were kept. */
    static void countAll(MongoTemplate mongo) {
        Set<Instant> days = new TreeSet<>();
        daysOf(mongo, SignupFact.class, "registeredAt", days);
        daysOf(mongo, AnswerFact.class, "endedAt", days);
        daysOf(mongo, PaymentFact.class, "paidAt", days);
        daysOf(mongo, RefundFact.class, "refundedAt", days);
        countAgain(mongo, days);
    }

    private static void daysOf(MongoTemplate mongo, Class<?> type, String field, Set<Instant> days) {
        Query query = Query.query(Criteria.where(field).ne(null));
        query.fields().include(field);
        mongo.stream(query, Document.class, mongo.getCollectionName(type))
                .forEach(document -> days.add(dayOf(document.getDate(field).toInstant())));
    }

    private static Query within(String field, Instant from, Instant to) {
        return Query.query(Criteria.where(field).gte(from).lt(to));
    }

    static Instant dayOf(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS);
    }

    private static final class Tally {
        private final String span;
        private final Instant day;
        private final String kind;
        private final String key;
        private final String subkey;
        private long signups;
        private long answers;
        private long failedAnswers;
        private long tokens;
        private long tokensPurchased;
        private long tokensRefunded;
        private long amount;
        private long count;

        private Tally(String span, Instant day, String kind, String key, String subkey) {
            this.span = span;
            this.day = day;
            this.kind = kind;
            this.key = key;
            this.subkey = subkey;
        }

        private String id() {
            String period = day == null ? span : span + ":" + LocalDate.ofInstant(day, ZoneOffset.UTC);
            return key == null ? period + ":" + kind : period + ":" + kind + ":" + key + "\n" + subkey;
        }

        private Update update() {
            return new Update().setOnInsert("span", span).setOnInsert("day", day).setOnInsert("kind", kind)
                    .setOnInsert("key", key).setOnInsert("subkey", subkey)
                    .inc("signups", signups).inc("answers", answers)
                    .inc("failedAnswers", failedAnswers).inc("tokens", tokens).inc("tokensPurchased", tokensPurchased)
                    .inc("tokensRefunded", tokensRefunded).inc("amount", amount).inc("count", count);
        }
    }

    /** Additions to tallies, and the active users they bring; for all time too, or only for days. */
    private static final class Counts {
        private final boolean allTime;
        private final Map<String, Tally> tallies = new LinkedHashMap<>();
        private final Map<String, ActiveUserDocument> active = new LinkedHashMap<>();

        private Counts(boolean allTime) {
            this.allTime = allTime;
        }

        void signup(SignupFact signup) {
            count(signup.registeredAt(), TOTAL, null, null, tally -> tally.signups++);
        }

        void answer(AnswerFact answer) {
            Consumer<Tally> change = tally -> {
                tally.answers++;
                tally.failedAnswers += answer.completed() ? 0 : 1;
                tally.tokens += answer.tokens();
            };
            count(answer.endedAt(), TOTAL, null, null, change);
            count(answer.endedAt(), MODEL, answer.modelId(), answer.provider(), change);
            ActiveUserDocument onTheDay = ActiveUserDocument.on(dayOf(answer.endedAt()), answer.userId());
            ActiveUserDocument ever = ActiveUserDocument.ever(answer.userId());
            active.put(onTheDay.id(), onTheDay);
            active.put(ever.id(), ever);
        }

        void payment(PaymentFact order, Instant paidAt) {
            count(paidAt, TOTAL, null, null, tally -> tally.tokensPurchased += order.tokens());
            count(paidAt, REVENUE, order.currency(), order.planId(), tally -> {
                tally.amount += order.amount();
                tally.count++;
            });
        }

        void refund(RefundFact refund) {
            count(refund.refundedAt(), TOTAL, null, null, tally -> tally.tokensRefunded += refund.tokens());
            count(refund.refundedAt(), REFUNDS, refund.currency(), refund.planId(), tally -> {
                tally.amount += refund.amount();
                tally.count++;
            });
        }

        /** A day's tally added to its all-time one. */
        void addDay(AnalyticsTallyDocument day) {
            Tally tally = tally(ALL, null, day.kind(), day.key(), day.subkey());
            tally.signups += day.signups();
            tally.answers += day.answers();
            tally.failedAnswers += day.failedAnswers();
            tally.tokens += day.tokens();
            tally.tokensPurchased += day.tokensPurchased();
            tally.tokensRefunded += day.tokensRefunded();
            tally.amount += day.amount();
            tally.count += day.count();
        }

        private void count(Instant at, String kind, String key, String subkey, Consumer<Tally> change) {
            if (allTime) {
                change.accept(tally(ALL, null, kind, key, subkey));
            }
            change.accept(tally(DAY, dayOf(at), kind, key, subkey));
        }

        private Tally tally(String span, Instant day, String kind, String key, String subkey) {
            Tally tally = new Tally(span, day, kind, key, subkey);
            return tallies.computeIfAbsent(tally.id(), id -> tally);
        }

        void queueOn(ReadModelBatch batch) {
            tallies.forEach((id, tally) -> batch.upsert(AnalyticsTallyDocument.class, byId(id), tally.update()));
            active.values().forEach(batch::save);
        }

        void writeTo(MongoTemplate mongo) {
            if (!tallies.isEmpty()) {
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, AnalyticsTallyDocument.class);
                tallies.forEach((id, tally) -> bulk.upsert(byId(id), tally.update()));
                bulk.execute();
            }
            if (!active.isEmpty()) {
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, ActiveUserDocument.class);
                active.values().forEach(user -> bulk.replaceOne(byId(user.id()), user,
                        FindAndReplaceOptions.options().upsert()));
                bulk.execute();
            }
        }

        private static Query byId(String id) {
            return Query.query(Criteria.where("_id").is(id));
        }
    }
}
