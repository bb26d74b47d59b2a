package com.aipasta.query.analytics;

import com.aipasta.common.DomainException;
import com.aipasta.projections.analytics.AnalyticsProjection;
import com.aipasta.projections.analytics.AnswerFact;
import com.aipasta.projections.analytics.PaymentFact;
import com.aipasta.projections.analytics.RefundFact;
import com.aipasta.projections.analytics.SignupFact;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAnalyticsControllerTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private AdminAnalyticsController analytics;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "analytics-test");
        analytics = new AdminAnalyticsController(mongo, Clock.fixed(MONDAY.plusSeconds(20 * 86_400), ZoneOffset.UTC));
        mongo.save(new SignupFact("ada", MONDAY.plusSeconds(3_600)));
        mongo.save(new SignupFact("bob", MONDAY.plusSeconds(86_400 + 60)));
        mongo.save(new AnswerFact("m1", "ada", "model-a", "openrouter", true, 100, MONDAY.plusSeconds(7_200)));
        mongo.save(new AnswerFact("m2", "ada", "model-a", "openrouter", false, 10, MONDAY.plusSeconds(7_300)));
        mongo.save(new AnswerFact("m3", "bob", "model-b", "local", true, 40, MONDAY.plusSeconds(86_400 + 90)));
        mongo.save(new AnswerFact("m4", "ada", "model-b", "local", true, 60, MONDAY.plusSeconds(8 * 86_400)));
        mongo.save(new PaymentFact("o1", "ada", "plan-starter", "INR", 9_900, 50_000, MONDAY,
                MONDAY.plusSeconds(9_000)));
        mongo.save(new PaymentFact("o2", "bob", "plan-pro", "INR", 39_900, 250_000, MONDAY, null));
        mongo.save(new RefundFact("o1:r1", "o1", "plan-starter", "INR", 4_950, 25_000, MONDAY.plusSeconds(86_400)));
        new AnalyticsProjection(mongo).countTalliesIfMissing();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void bucketsEveryFactIntoItsDay() {
        AdminAnalyticsController.Analytics report = analytics.analytics(MONDAY, MONDAY.plusSeconds(2 * 86_400), "day");

        assertThat(report.series()).hasSize(2);
        UsageTally.Figures monday = report.series().get(0).figures();
        assertThat(monday.signups()).isEqualTo(1);
        assertThat(monday.activeUsers()).isEqualTo(1);
        assertThat(monday.turns()).isEqualTo(2);
        assertThat(monday.failedTurns()).isEqualTo(1);
        assertThat(monday.tokensUsed()).isEqualTo(110);
        assertThat(monday.tokensPurchased()).isEqualTo(50_000);
        assertThat(monday.revenue()).containsExactly(new UsageTally.Revenue("INR", "plan-starter", 9_900, 1));
        assertThat(monday.models()).containsExactly(
                new UsageTally.ModelUsage("model-a", "openrouter", 2, 1, 0.5, 110));
        UsageTally.Figures tuesday = report.series().get(1).figures();
        assertThat(tuesday.signups()).isEqualTo(1);
        assertThat(tuesday.turns()).isEqualTo(1);
        assertThat(tuesday.tokensRefunded()).isEqualTo(25_000);
        assertThat(tuesday.refunds()).containsExactly(new UsageTally.Refunds("INR", "plan-starter", 4_950, 1));
        assertThat(report.totals().activeUsers()).isEqualTo(2);
        assertThat(report.totals().turns()).isEqualTo(3);
    }

    @Test
    void weeksStartOnMondayAndUnpaidOrdersEarnNothing() {
        AdminAnalyticsController.Analytics report = analytics.analytics(MONDAY.plusSeconds(3_600),
                MONDAY.plusSeconds(14 * 86_400), "week");

        assertThat(report.series()).extracting(AdminAnalyticsController.Bucket::start)
                .containsExactly(MONDAY.plusSeconds(3_600), MONDAY.plusSeconds(7 * 86_400));
        assertThat(report.series().get(0).figures().turns()).isEqualTo(3);
        assertThat(report.series().get(1).figures().turns()).isEqualTo(1);
        assertThat(report.totals().revenue()).containsExactly(new UsageTally.Revenue("INR", "plan-starter", 9_900, 1));
    }

    @Test
    void refusesABackwardRangeAndAnUnknownGranularity() {
        assertThatThrownBy(() -> analytics.analytics(MONDAY, MONDAY, "day"))
                .isInstanceOf(DomainException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> analytics.analytics(null, null, "hour"))
                .isInstanceOf(DomainException.class).hasMessageContaining("granularity");
    }

    @Test
    void totalsCoverAllTime() {
        assertThat(analytics.stats().allTime()).isEqualTo(folded(Instant.MIN, Instant.MAX));
        assertThat(analytics.stats().allTime().turns()).isEqualTo(4);
        assertThat(analytics.stats().allTime().signups()).isEqualTo(2);
        assertThat(analytics.stats().allTime().activeUsers()).isEqualTo(2);
    }

    /**
     * Ranges starting and ending at midnight, within a day and anywhere in between, by day and by week: every period
     * and the totals are what the facts of that period add up to.
     */
    @Test
    void everyPeriodAddsUpAsItsFactsDo() {
        long[] offsets = {0, 3_600, 7_250, 86_400, 86_400 + 75, 2 * 86_400, 8 * 86_400, 8 * 86_400 + 1, 12 * 86_400};
        for (long fromOffset : offsets) {
            for (long toOffset : offsets) {
                if (toOffset <= fromOffset) {
                    continue;
                }
                for (String granularity : List.of("day", "week")) {
                    Instant from = MONDAY.minusSeconds(86_400).plusSeconds(fromOffset);
                    Instant to = MONDAY.plusSeconds(toOffset);
                    AdminAnalyticsController.Analytics report = analytics.analytics(from, to, granularity);
                    String range = from + " to " + to + " by " + granularity;
                    assertThat(report.totals()).as(range).isEqualTo(folded(from, to));
                    report.series().forEach(period -> assertThat(period.figures()).as(range + ": " + period.start())
                            .isEqualTo(folded(period.start(), period.end())));
                }
            }
        }
    }

    private UsageTally.Figures folded(Instant from, Instant to) {
        UsageTally tally = new UsageTally();
        mongo.findAll(SignupFact.class).stream().filter(fact -> within(fact.registeredAt(), from, to))
                .forEach(fact -> tally.signup());
        mongo.findAll(AnswerFact.class).stream().filter(fact -> within(fact.endedAt(), from, to))
                .forEach(tally::answer);
        mongo.findAll(PaymentFact.class).stream().filter(fact -> within(fact.paidAt(), from, to))
                .forEach(tally::payment);
        mongo.findAll(RefundFact.class).stream().filter(fact -> within(fact.refundedAt(), from, to))
                .forEach(tally::refund);
        return tally.figures();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }
}
