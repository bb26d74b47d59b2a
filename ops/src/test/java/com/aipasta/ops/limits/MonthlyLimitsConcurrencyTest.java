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
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
 * counts what the wallet decided. Those instants are long past, so the sweep of overdue reservations would release
 * them under the race; it is held off here.
 */
@TestPropertySource(properties = "aipasta.chat.sweep-interval=1d")
class MonthlyLimitsConcurrencyTest extends PlatformTest {

    private static final int ATTEMPTS_PER_MONTH = 30;
    private static final int THREADS = 16;
    private static final Instant JANUARY_END = Instant.parse("2026-01-31T23:59:59.900Z");
    private static final Instant FEBRUARY_START = Instant.parse("2026-02-01T00:00:00.100Z");
    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

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

        assertThat(accepted).containsEntry(JANUARY, 5).containsEntry(FEBRUARY, 5);
        awaitWallet(owner);
        UsageView january = usage(owner, JANUARY, LocalDate.of(2026, 1, 31));
        UsageView february = usage(owner, FEBRUARY, LocalDate.of(2026, 2, 1));
        assertThat(january.monthlyRequests()).isEqualTo(5);
        assertThat(january.monthlyTokens()).isEqualTo(5 * 40);
        assertThat(february.monthlyRequests()).isEqualTo(5);
        assertThat(february.monthlyTokens()).isEqualTo(5 * 40);
    }

    @Test
    void eachMonthAdmitsExactlyTheTokensItsLimitCoversWhenTurnsCrossTheMonthsEnd() throws Exception {
        UserId owner = new UserId(register().id());
        Map<YearMonth, Integer> accepted = race(owner, month -> new MonthlyQuota(month, null, 1_000L), 100, 100);

        assertThat(accepted).containsEntry(JANUARY, 10).containsEntry(FEBRUARY, 10);
        awaitWallet(owner);
        assertThat(usage(owner, JANUARY, LocalDate.of(2026, 1, 31)).monthlyTokens()).isEqualTo(1_000);
        assertThat(usage(owner, FEBRUARY, LocalDate.of(2026, 2, 1)).monthlyTokens()).isEqualTo(1_000);
    }

    /** Reserves {@code amount} and settles {@code used} for every attempt, both months interleaved, at once. */
    private Map<YearMonth, Integer> race(UserId owner, java.util.function.Function<YearMonth, MonthlyQuota> quotaOf,
                                         long amount, long used) throws Exception {
        WalletId wallet = WalletId.of(owner);
        List<Callable<YearMonth>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS_PER_MONTH; i++) {
            attempts.add(() -> reserveAndSettle(wallet, quotaOf.apply(JANUARY), JANUARY_END, amount, used));
            attempts.add(() -> reserveAndSettle(wallet, quotaOf.apply(FEBRUARY), FEBRUARY_START, amount, used));
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
