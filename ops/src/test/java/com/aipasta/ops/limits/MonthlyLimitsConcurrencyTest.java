package com.aipasta.ops.limits;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.PlatformTest;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.query.FindUsageQuery;
import com.aipasta.wallet.api.query.UsageView;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns reserving at once from one wallet on both sides of a month's end, on fixed instants (the times the turns
 * carry): each month admits exactly its limit, whichever order the wallet sees them in, and the usage read model
 * counts what the wallet decided. The month's end is the next one to come, so the sweep of overdue reservations,
 * which would release reservations carrying long-past instants under the race, never takes them for overdue.
 */
class MonthlyLimitsConcurrencyTest extends PlatformTest {

    private static final int ATTEMPTS_PER_MONTH = 30;
    private static final int THREADS = 16;
    private static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);
    private static final YearMonth NEXT_MONTH = THIS_MONTH.plusMonths(1);
    private static final Instant MONTH_END = NEXT_MONTH.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            .minusMillis(100);
    private static final Instant NEXT_MONTH_START = MONTH_END.plusMillis(200);

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    ReadModels readModels;
    @Autowired
    EventStore eventStore;

    @Test
    void eachMonthAdmitsExactlyItsRequestsWhenTurnsCrossTheMonthsEnd() throws Exception {
        UserId owner = new UserId(register().id());
        Map<YearMonth, Integer> accepted = race(owner, month -> new MonthlyQuota(month, 5, null), 100, 40);

        assertThat(accepted).containsEntry(THIS_MONTH, 5).containsEntry(NEXT_MONTH, 5);
        awaitWallet(owner);
        UsageView thisMonth = usage(owner, THIS_MONTH, THIS_MONTH.atEndOfMonth());
        UsageView nextMonth = usage(owner, NEXT_MONTH, NEXT_MONTH.atDay(1));
        assertThat(thisMonth.monthlyRequests()).isEqualTo(5);
        assertThat(thisMonth.monthlyTokens()).isEqualTo(5 * 40);
        assertThat(nextMonth.monthlyRequests()).isEqualTo(5);
        assertThat(nextMonth.monthlyTokens()).isEqualTo(5 * 40);
    }

    @Test
    void eachMonthAdmitsExactlyTheTokensItsLimitCoversWhenTurnsCrossTheMonthsEnd() throws Exception {
        UserId owner = new UserId(register().id());
        Map<YearMonth, Integer> accepted = race(owner, month -> new MonthlyQuota(month, null, 1_000L), 100, 100);

        assertThat(accepted).containsEntry(THIS_MONTH, 10).containsEntry(NEXT_MONTH, 10);
        awaitWallet(owner);
        assertThat(usage(owner, THIS_MONTH, THIS_MONTH.atEndOfMonth()).monthlyTokens()).isEqualTo(1_000);
        assertThat(usage(owner, NEXT_MONTH, NEXT_MONTH.atDay(1)).monthlyTokens()).isEqualTo(1_000);
    }

    /** Reserves {@code amount} and settles {@code used} for every attempt, both months interleaved, at once. */
    private Map<YearMonth, Integer> race(UserId owner, java.util.function.Function<YearMonth, MonthlyQuota> quotaOf,
                                         long amount, long used) throws Exception {
        WalletId wallet = WalletId.of(owner);
        List<Callable<YearMonth>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS_PER_MONTH; i++) {
            attempts.add(() -> reserveAndSettle(wallet, quotaOf.apply(THIS_MONTH), MONTH_END, amount, used));
            attempts.add(() -> reserveAndSettle(wallet, quotaOf.apply(NEXT_MONTH), NEXT_MONTH_START, amount, used));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<YearMonth, Integer> accepted = new java.util.HashMap<>();
        try {
            for (Future<YearMonth> outcome : pool.invokeAll(attempts)) {
                YearMonth month = outcome.get();
                if (month != null) {
                    accepted.merge(month, 1, Integer::sum);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return accepted;
    }

    /** The month the request was accepted in, or null when the month's limit refused it. */
    private YearMonth reserveAndSettle(WalletId wallet, MonthlyQuota quota, Instant at, long amount, long used) {
        String request = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new ReserveTokensCommand(wallet, request, amount, null, quota, at));
        } catch (DomainException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.MONTHLY_LIMIT_EXCEEDED);
            assertThat(refused.details()).containsEntry("month", quota.month().toString())
                    .containsEntry("resetTime", quota.resetTime().toString());
            return null;
        }
        commands.sendAndWait(new SettleReservationCommand(wallet, request, used, at));
        return quota.month();
    }

    private void awaitWallet(UserId owner) {
        long last = eventStore.lastSequenceNumberFor(WalletId.of(owner).value()).orElseThrow();
        readModels.awaitWallet(owner, last);
    }

    private UsageView usage(UserId owner, YearMonth month, LocalDate day) {
        return queries.query(new FindUsageQuery(owner, month, day), UsageView.class).join();
    }
}
