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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsProjectionTest {

    private static final UserId ADA = new UserId("user-ada");
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final ModelRef LLAMA = new ModelRef("openrouter/meta/llama:free", "openrouter");
    private static final List<String> COLLECTIONS = List.of(SignupFact.COLLECTION, AnswerFact.COLLECTION,
            PaymentFact.COLLECTION, RefundFact.COLLECTION);

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
    void redeliveredEventsChangeNothing() {
        history();
        Map<String, List<Document>> once = snapshot();

        history();

        assertThat(snapshot()).isEqualTo(once);
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
                mongo.find(new Query(), Document.class, collection)));
        return documents;
    }
}
