package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.AbuseLimitsProperties;
import com.aipasta.wallet.api.query.FindUsageQuery;
import com.aipasta.wallet.api.query.UsageView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's limits and their use of each, for {@code GET /api/auth/me}: daily requests per model tier, monthly
 * requests and tokens, and answers generating at once. Read from the wallet's read model, never to decide anything.
 */
@Component
public class UsageReport {

    private static final String[] TIERS = {"standard", "premium"};

    private final AccessState access;
    private final ChatProperties chat;
    private final AbuseLimitsProperties limits;
    private final LiveGenerations live;
    private final QueryGateway queries;
    private final Clock clock;

    public UsageReport(AccessState access, ChatProperties chat, AbuseLimitsProperties limits, LiveGenerations live,
                       QueryGateway queries, Clock clock) {
        this.access = access;
        this.chat = chat;
        this.limits = limits;
        this.live = live;
        this.queries = queries;
        this.clock = clock;
    }

    public record Report(Map<String, Object> usage, Map<String, Object> limits) {
    }

    public Report of(UserId userId) {
        Access caller = access.of(userId).orElse(null);
        String plan = caller == null ? Access.FREE_PLAN : caller.effectivePlan();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        YearMonth month = YearMonth.from(today);
        UsageView used = queries.query(new FindUsageQuery(userId, month, today), UsageView.class).join();

        Map<String, Object> dailyLimits = new LinkedHashMap<>();
        Map<String, Object> dailyUsed = new LinkedHashMap<>();
        for (String tier : TIERS) {
            dailyLimits.put(tier, caller != null && caller.dailyRequestLimit() != null ? caller.dailyRequestLimit()
                    : chat.dailyLimit(plan, tier));
            dailyUsed.put(tier, used.dailyRequests().getOrDefault(tier, 0));
        }
        Map<String, Object> limitsOfPlan = new LinkedHashMap<>();
        limitsOfPlan.put("plan", plan);
        limitsOfPlan.put("dailyRequests", dailyLimits);
        limitsOfPlan.put("monthlyRequests", chat.monthlyLimit(plan, "requests"));
        limitsOfPlan.put("tokensPerMonth", chat.monthlyLimit(plan, "tokens"));
        limitsOfPlan.put("concurrentStreams", limits.concurrentStreams(plan));

        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("day", today.toString());
        usage.put("month", month.toString());
        usage.put("dailyRequests", dailyUsed);
        usage.put("monthlyRequests", used.monthlyRequests());
        usage.put("tokensPerMonth", used.monthlyTokens());
        usage.put("concurrentStreams", live.streamsOf(userId));
        usage.put("dailyResetTime", today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        usage.put("monthlyResetTime", month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .toString());
        return new Report(usage, limitsOfPlan);
    }
}
