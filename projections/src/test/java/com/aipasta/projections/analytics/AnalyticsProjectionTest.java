package com.aipasta.projections.analytics;

import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsProjectionTest {

    private static final UserId ADA = new UserId("user-ada");
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final ModelRef LLAMA = new ModelRef("openrouter/meta/llama:free", "openrouter");
    private static final ModelRef GEMMA = new ModelRef("gemma-2.0", "local");
    private static final UserId BOB = new UserId("user-bob");
    private static final List<String> COLLECTIONS = List.of(SignupFact.COLLECTION, AnswerFact.COLLECTION,
            PaymentFact.COLLECTION, RefundFact.COLLECTION, AnalyticsTallyDocument.COLLECTION,
            ActiveUserDocument.COLLECTION);

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private AnalyticsProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "analytics-test");
        projection = new AnalyticsProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private void history() {
        projection.on(new UserRegisteredEvent(ADA, "ada@example.com", "Ada", "hash", Role.USER, T));
        projection.on(new AssistantMessageCompletedEvent(new SessionId("session-1"), ADA, "msg-1", LLAMA, "hi", null,
                TokenCount.of(10, 20), "stop", 900, 120, Cost.ZERO, T.plusSeconds(60)));
        projection.on(new AssistantMessageFailedEvent(new SessionId("session-1"), ADA, "msg-2", LLAMA, "par", null,
                TokenCount.of(10, 3), "PROVIDER_ERROR", "boom", Cost.ZERO, T.plusSeconds(120)));
        projection.on(new OrderCreatedEvent("order_1", ADA, "plan-starter", 50_000, 9_900, "INR", null, null,
                T.plusSeconds(200)));
        projection.on(new OrderPaidEvent("order_1", ADA, "pay_1", 50_000, null, null, "verify", T.plusSeconds(210)));
        projection.on(new OrderRefundedEvent("order_1", ADA, "rfnd_1", 4_950, 25_000, T.plusSeconds(300)));
    }

    /** Bob signs up the next day and has answers on two days, one of them Ada's first day. */
    private void moreHistory() {
        projection.on(new UserRegisteredEvent(BOB, "bob@example.com", "Bob", "hash", Role.USER, T.plusSeconds(86_400)));
        projection.on(new AssistantMessageCompletedEvent(new SessionId("session-2"), BOB, "msg-3", LLAMA, "yo", null,
                TokenCount.of(5, 5), "stop", 900, 120, Cost.ZERO, T.plusSeconds(500)));
        projection.on(new AssistantMessageCompletedEvent(new SessionId("session-2"), BOB, "msg-4", GEMMA, "yo", null,
                TokenCount.of(7, 8), "stop", 900, 120, Cost.ZERO, T.plusSeconds(86_400 + 500)));
        projection.on(new OrderCreatedEvent("order_2", BOB, "plan-pro", 250_000, 39_900, "INR", null, null,
                T.plusSeconds(86_400)));
    }

    private AnalyticsTallyDocument tally(String id) {
        return mongo.findById(id, AnalyticsTallyDocument.class);
    }

    @Test
    void recordsOneFactPerSignupAnswerOrderAndRefund() {
        history();

        assertThat(mongo.findById(ADA.value(), SignupFact.class)).isEqualTo(new SignupFact(ADA.value(), T));
        assertThat(mongo.findAll(AnswerFact.class)).containsExactlyInAnyOrder(
                new AnswerFact("msg-1", ADA.value(), LLAMA.modelId(), "openrouter", true, 30, T.plusSeconds(60)),
                new AnswerFact("msg-2", ADA.value(), LLAMA.modelId(), "openrouter", false, 13, T.plusSeconds(120)));
        assertThat(mongo.findById("order_1", PaymentFact.class)).isEqualTo(new PaymentFact("order_1", ADA.value(),
                "plan-starter", "INR", 9_900, 50_000, T.plusSeconds(200), T.plusSeconds(210)));
        assertThat(mongo.findById("order_1:rfnd_1", RefundFact.class)).isEqualTo(new RefundFact("order_1:rfnd_1",
                "order_1", "plan-starter", "INR", 4_950, 25_000, T.plusSeconds(300)));
    }

    @Test
    void addsTheFactsUpByDayAndForAllTimeWithTheUsersActiveEachDayAndEver() {
        history();
        moreHistory();

        assertThat(tally("all:total")).isEqualTo(new AnalyticsTallyDocument("all:total", "all", null, "total", null,
                null, 2, 4, 1, 68, 50_000, 25_000, 0, 0));
        assertThat(tally("day:2026-03-02:total")).isEqualTo(new AnalyticsTallyDocument("day:2026-03-02:total", "day",
                T.truncatedTo(ChronoUnit.DAYS), "total", null, null, 1, 3, 1, 53, 50_000, 25_000, 0, 0));
        assertThat(tally("day:2026-03-03:total").signups()).isEqualTo(1);
        assertThat(tally("day:2026-03-03:total").answers()).isEqualTo(1);
        assertThat(tally("all:model:" + LLAMA.modelId() + "\nopenrouter"))
                .extracting(AnalyticsTallyDocument::answers, AnalyticsTallyDocument::failedAnswers,
                        AnalyticsTallyDocument::tokens).containsExactly(3L, 1L, 53L);
        assertThat(tally("day:2026-03-03:model:gemma-2.0\nlocal").tokens()).isEqualTo(15);
        assertThat(tally("all:revenue:INR\nplan-starter"))
                .extracting(AnalyticsTallyDocument::amount, AnalyticsTallyDocument::count).containsExactly(9_900L, 1L);
        assertThat(tally("all:refunds:INR\nplan-starter"))
                .extracting(AnalyticsTallyDocument::amount, AnalyticsTallyDocument::count).containsExactly(4_950L, 1L);
        assertThat(mongo.exists(Query.query(Criteria.where("key").is("plan-pro")), AnalyticsTallyDocument.class))
                .as("an order unpaid earns nothing").isFalse();
        assertThat(mongo.findAll(ActiveUserDocument.class)).extracting(ActiveUserDocument::id)
                .containsExactlyInAnyOrder("all:user-ada", "all:user-bob", "day:2026-03-02:user-ada",
                        "day:2026-03-02:user-bob", "day:2026-03-03:user-bob");
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        Map<String, List<Document>> once = snapshot();

        history();

        assertThat(snapshot()).isEqualTo(once);
    }

    @Test
    void factsStoredByABatchCutShortAreCountedAgainWhenItIsHandledAgain() {
        history();
        moreHistory();
        Map<String, List<Document>> whole = snapshot();
        mongo.updateFirst(Query.query(Criteria.where("_id").is("day:2026-03-02:total")),
                new Update().inc("answers", 5).inc("signups", -1), AnalyticsTallyDocument.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is("all:total")), new Update().inc("tokens", 3),
                AnalyticsTallyDocument.class);
        mongo.remove(Query.query(Criteria.where("_id").is("day:2026-03-03:user-bob")), ActiveUserDocument.class);
        mongo.remove(Query.query(Criteria.where("_id").is("day:2026-03-03:model:gemma-2.0\nlocal")),
                AnalyticsTallyDocument.class);

        projection.on(new AssistantMessageCompletedEvent(new SessionId("session-2"), BOB, "msg-4", GEMMA, "yo", null,
                TokenCount.of(7, 8), "stop", 900, 120, Cost.ZERO, T.plusSeconds(86_400 + 500)));
        projection.on(new UserRegisteredEvent(ADA, "ada@example.com", "Ada", "hash", Role.USER, T));

        assertThat(snapshot()).isEqualTo(whole);
    }

    @Test
    void factsStoredBeforeTalliesWereKeptAreCountedOnceBeforeTheFirstEvent() {
        OrderPaidEvent paid = new OrderPaidEvent("order_2", BOB, "pay_2", 250_000, null, null, "verify",
                T.plusSeconds(86_400 + 600));
        history();
        moreHistory();
        projection.on(paid);
        Map<String, List<Document>> counted = snapshot();
        mongo.remove(new Query(), AnalyticsTallyDocument.class);
        mongo.remove(new Query(), ActiveUserDocument.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is("order_2")), new Update().set("paidAt", null),
                PaymentFact.class);

        new AnalyticsProjection(mongo).on(paid);

        assertThat(snapshot()).isEqualTo(counted);
        assertThat(tally("all:revenue:INR\nplan-pro").amount()).isEqualTo(39_900);
    }

    @Test
    void aResetThenAReplayRebuildsTheSameDocuments() {
        history();
        Map<String, List<Document>> live = snapshot();

        projection.reset();
        assertThat(snapshot().values()).allMatch(List::isEmpty);
        history();

        assertThat(snapshot()).isEqualTo(live);
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> documents = new TreeMap<>();
        COLLECTIONS.forEach(collection -> documents.put(collection,
                mongo.find(new Query().with(Sort.by("_id")), Document.class, collection)));
        return documents;
    }
}
