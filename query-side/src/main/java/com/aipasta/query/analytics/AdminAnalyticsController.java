package com.aipasta.query.analytics;

import com.aipasta.account.api.value.Role;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.projections.account.UserDocument;
import com.aipasta.projections.analytics.ActiveUserDocument;
import com.aipasta.projections.analytics.AnalyticsTallyDocument;
import com.aipasta.projections.analytics.AnswerFact;
import com.aipasta.projections.analytics.PaymentFact;
import com.aipasta.projections.analytics.RefundFact;
import com.aipasta.projections.analytics.SignupFact;
import com.aipasta.projections.chat.ChatSessionDocument;
import com.aipasta.projections.wallet.WalletDocument;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Platform totals and time series for administrators, computed from the analytics read model and the account and
 * wallet read models. Periods are UTC days, or ISO weeks starting on Monday. The analytics add up the tallies of all
 * time or of the whole UTC days in the range, and the facts of the parts of a day at its ends, so that their cost
 * does not grow with the facts kept; a range's active users are the distinct users active on its days.
 */
@RestController
public class AdminAnalyticsController {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    private static final Duration MAX_RANGE = Duration.ofDays(3660);
    private static final int MAX_BUCKETS = 1000;

    public record Bucket(Instant start, Instant end, UsageTally.Figures figures) {
    }

    public record Analytics(Instant from, Instant to, String granularity, UsageTally.Figures totals,
                            List<Bucket> series) {
    }

    public record UserTotals(long total, long active, long deactivated, long deleted, long admins, long premium) {
    }

    public record TokenTotals(long balance, long free, long purchased, long reserved, long used) {
    }

    public record Stats(UserTotals users, long sessions, TokenTotals wallets, UsageTally.Figures allTime) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    public AdminAnalyticsController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping("/api/admin/stats")
    public Stats stats() {
        long[] users = new long[6];
        mongo.stream(new Query(), UserDocument.class).forEach(user -> {
            users[0]++;
            users[user.deleted() ? 3 : user.active() ? 1 : 2]++;
            users[4] += user.role() == Role.ADMIN && !user.deleted() ? 1 : 0;
            users[5] += "premium".equals(user.plan()) && !user.deleted() ? 1 : 0;
        });
        long[] tokens = new long[4];
        mongo.stream(new Query(), WalletDocument.class).forEach(wallet -> {
            tokens[0] += wallet.freeTokens();
            tokens[1] += wallet.purchasedTokens();
            tokens[2] += wallet.reserved();
            tokens[3] += wallet.usedTokens();
        });
        return new Stats(new UserTotals(users[0], users[1], users[2], users[3], users[4], users[5]),
                mongo.count(Query.query(Criteria.where("deleted").is(false)), ChatSessionDocument.class),
                new TokenTotals(tokens[0] + tokens[1], tokens[0], tokens[1], tokens[2], tokens[3]),
                allTime().figures());
    }

    @GetMapping("/api/admin/analytics")
    public Analytics analytics(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                               Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                               Instant to,
                               @RequestParam(defaultValue = "day") String granularity) {
        if (!granularity.equals("day") && !granularity.equals("week")) {
            throw invalid("granularity", "must be day or week");
        }
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw invalid("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw invalid("to", "must be at most " + MAX_RANGE.toDays() + " days after from");
        }
        List<Instant> bounds = bounds(start, end, granularity.equals("week"));
        if (bounds.size() - 1 > MAX_BUCKETS) {
            throw invalid("granularity", "gives more than " + MAX_BUCKETS + " periods; choose week or a shorter range");
        }
        List<UsageTally> buckets = new ArrayList<>();
        for (int i = 1; i < bounds.size(); i++) {
            buckets.add(new UsageTally());
        }
        UsageTally totals = new UsageTally();
        feed(start, end, at -> List.of(totals, bucketOf(at, bounds, buckets)));
        List<Bucket> series = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            series.add(new Bucket(bounds.get(i), bounds.get(i + 1), buckets.get(i).figures()));
        }
        return new Analytics(start, end, granularity, totals.figures(), series);
    }

    private UsageTally allTime() {
        UsageTally allTime = new UsageTally();
        Query everything = Query.query(Criteria.where("span").is(AnalyticsTallyDocument.ALL));
        mongo.find(everything, AnalyticsTallyDocument.class).forEach(allTime::add);
        allTime.activeUsers(mongo.count(everything, ActiveUserDocument.class));
        return allTime;
    }

    /** Hands what happened from {@code from} to {@code to} to the tallies of the instant it happened. */
    private void feed(Instant from, Instant to, Function<Instant, List<UsageTally>> talliesAt) {
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        if (firstDay.isBefore(from)) {
            firstDay = firstDay.plus(1, ChronoUnit.DAYS);
        }
        Instant lastDay = to.truncatedTo(ChronoUnit.DAYS);
        if (!firstDay.isBefore(lastDay)) {
            feedFacts(from, to, talliesAt);
            return;
        }
        feedFacts(from, firstDay, talliesAt);
        Query days = Query.query(Criteria.where("span").is(AnalyticsTallyDocument.DAY).and("day").gte(firstDay)
                .lt(lastDay));
        mongo.stream(days, AnalyticsTallyDocument.class)
                .forEach(tally -> talliesAt.apply(tally.day()).forEach(period -> period.add(tally)));
        mongo.stream(days, ActiveUserDocument.class)
                .forEach(user -> talliesAt.apply(user.day()).forEach(period -> period.activeUser(user.userId())));
        feedFacts(lastDay, to, talliesAt);
    }

    /** Hands every fact from {@code from} to {@code to} to the tallies of the instant it happened. */
    private void feedFacts(Instant from, Instant to, Function<Instant, List<UsageTally>> talliesAt) {
        if (!from.isBefore(to)) {
            return;
        }
        mongo.stream(within("registeredAt", from, to), SignupFact.class)
                .forEach(signup -> talliesAt.apply(signup.registeredAt()).forEach(UsageTally::signup));
        mongo.stream(within("endedAt", from, to), AnswerFact.class)
                .forEach(answer -> talliesAt.apply(answer.endedAt()).forEach(tally -> tally.answer(answer)));
        mongo.stream(within("paidAt", from, to), PaymentFact.class)
                .forEach(payment -> talliesAt.apply(payment.paidAt()).forEach(tally -> tally.payment(payment)));
        mongo.stream(within("refundedAt", from, to), RefundFact.class)
                .forEach(refund -> talliesAt.apply(refund.refundedAt()).forEach(tally -> tally.refund(refund)));
    }

    private static Query within(String field, Instant from, Instant to) {
        return Query.query(Criteria.where(field).gte(from).lt(to));
    }

    private static UsageTally bucketOf(Instant at, List<Instant> bounds, List<UsageTally> buckets) {
        int found = Collections.binarySearch(bounds, at);
        int periodStart = found >= 0 ? found : -found - 2;
        return buckets.get(Math.min(periodStart, buckets.size() - 1));
    }

    /** The start of every period from the one holding {@code from}, then {@code to}: periods are cut to the range. */
    private static List<Instant> bounds(Instant from, Instant to, boolean weeks) {
        Instant periodStart = from.truncatedTo(ChronoUnit.DAYS);
        if (weeks) {
            periodStart = periodStart.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toInstant();
        }
        List<Instant> bounds = new ArrayList<>(List.of(from));
        Duration step = Duration.ofDays(weeks ? 7 : 1);
        for (Instant next = periodStart.plus(step); next.isBefore(to); next = next.plus(step)) {
            bounds.add(next);
            if (bounds.size() > MAX_BUCKETS + 1) {
                break;
            }
        }
        bounds.add(to);
        return bounds;
    }

    private static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
