package com.aipasta.command.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.TopUpFreeTokensCommand;
import com.aipasta.wallet.api.event.FreeTokensToppedUpEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

/** The free tokens of a period: topped back up once per period, never in the period the wallet opened. */
class WalletTopUpTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final Instant OPENED = Instant.parse("2026-01-20T10:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:30:00Z");

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static WalletOpenedEvent opened() {
        return new WalletOpenedEvent(WALLET, OWNER, 10_000, OPENED);
    }

    private static ReservationSettledEvent spent(long tokens) {
        return new ReservationSettledEvent(WALLET, "r1", tokens, tokens, tokens, tokens, 0, OPENED);
    }

    @Test
    void topsTheFreeTokensBackUpToTheGrantInANewPeriod() {
        fixture.given(opened(), new TokensReservedEvent(WALLET, "r1", 4_000, null, OPENED), spent(4_000))
                .when(new TopUpFreeTokensCommand(WALLET, YearMonth.of(2026, 2), 10_000, FEBRUARY))
                .expectEvents(new FreeTokensToppedUpEvent(WALLET, YearMonth.of(2026, 2), 4_000, FEBRUARY));
    }

    @Test
    void recordsThePeriodOnceEvenWhenNothingWasSpent() {
        fixture.given(opened())
                .when(new TopUpFreeTokensCommand(WALLET, YearMonth.of(2026, 2), 10_000, FEBRUARY))
                .expectEvents(new FreeTokensToppedUpEvent(WALLET, YearMonth.of(2026, 2), 0, FEBRUARY));
    }

    @Test
    void aPeriodAlreadyToppedUpOrTheOneTheWalletOpenedInRecordsNothing() {
        fixture.given(opened(), new FreeTokensToppedUpEvent(WALLET, YearMonth.of(2026, 2), 0, FEBRUARY))
                .when(new TopUpFreeTokensCommand(WALLET, YearMonth.of(2026, 2), 10_000, FEBRUARY))
                .expectNoEvents();
        fixture.given(opened(), new TokensReservedEvent(WALLET, "r1", 4_000, null, OPENED), spent(4_000))
                .when(new TopUpFreeTokensCommand(WALLET, YearMonth.of(2026, 1), 10_000, OPENED))
                .expectNoEvents();
        fixture.given(opened(), new FreeTokensToppedUpEvent(WALLET, YearMonth.of(2026, 3), 0, FEBRUARY))
                .when(new TopUpFreeTokensCommand(WALLET, YearMonth.of(2026, 2), 10_000, FEBRUARY))
                .expectNoEvents();
    }

    @Test
    void theToppedUpTokensAreSpendable() {
        fixture.given(opened(), new TokensReservedEvent(WALLET, "r1", 10_000, null, OPENED), spent(10_000),
                        new FreeTokensToppedUpEvent(WALLET, YearMonth.of(2026, 2), 10_000, FEBRUARY))
                .when(new ReserveTokensCommand(WALLET, "r2", 10_000, null, FEBRUARY))
                .expectEvents(new TokensReservedEvent(WALLET, "r2", 10_000, null, FEBRUARY));
    }
}
