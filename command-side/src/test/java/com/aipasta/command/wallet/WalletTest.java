package com.aipasta.command.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.CreditTokensCommand;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.command.OpenWalletCommand;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.RevokeTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.command.WalletCommandBatch;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.TokensRevokedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalletTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static WalletOpenedEvent opened(long free) {
        return new WalletOpenedEvent(WALLET, OWNER, free, T);
    }

    private static TokensReservedEvent reserved(String request, long amount) {
        return new TokensReservedEvent(WALLET, request, amount, null, T);
    }

    @Test
    void opensWithTheFreeTokens() {
        fixture.givenNoPriorActivity()
                .when(new OpenWalletCommand(WALLET, OWNER, 10_000, T))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(10_000));
    }

    @Test
    void reservesWithinTheSpendableBalanceAndAnswersWithTheVersion() {
        fixture.given(opened(100), reserved("r1", 60))
                .when(new ReserveTokensCommand(WALLET, "r2", 40, null, T))
                .expectEvents(reserved("r2", 40))
                .expectResultMessagePayload(2L);
    }

    @Test
    void cannotReserveMoreThanTheSpendableBalance() {
        fixture.given(opened(100), reserved("r1", 60))
                .when(new ReserveTokensCommand(WALLET, "r2", 41, null, T))
                .expectNoEvents()
                .expectExceptionMessage("Not enough tokens for this request")
                .expectException(refusal(ErrorCode.INSUFFICIENT_TOKENS, Map.of("required", 41L, "available", 40L)));
    }

    @Test
    void anExactlyRepeatedReservationIsIgnored() {
        fixture.given(opened(100), reserved("r1", 60))
                .when(new ReserveTokensCommand(WALLET, "r1", 60, null, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSecondReservationWithADifferentAmountForOneRequestIsAConflict() {
        fixture.given(opened(100), reserved("r1", 60))
                .when(new ReserveTokensCommand(WALLET, "r1", 10, null, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void aClosedRequestCannotBeReservedAgain() {
        fixture.given(opened(100), reserved("r1", 60),
                        new ReservationReleasedEvent(WALLET, "r1", 60, "failed", T))
                .when(new ReserveTokensCommand(WALLET, "r1", 60, null, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void aRepeatedSettlementWithinTheRetentionIsStillRecognised() {
        Instant later = T.plus(Wallet.CLOSED_REQUEST_RETENTION).minusSeconds(1);
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T),
                        new TokensReservedEvent(WALLET, "r2", 10, null, later))
                .when(new SettleReservationCommand(WALLET, "r1", 20, later))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReservationOlderThanTheRetentionBeforeTheNewestIsRefused() {
        Instant later = T.plus(Wallet.CLOSED_REQUEST_RETENTION).plusSeconds(60);
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T),
                        new TokensReservedEvent(WALLET, "r2", 10, null, later))
                .when(new ReserveTokensCommand(WALLET, "r-late", 10, null, T.plusSeconds(30)))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void aForgottenClosedRequestCanNeitherBeReservedNorSettledAgain() {
        Instant later = T.plus(Wallet.CLOSED_REQUEST_RETENTION).plusSeconds(60);
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T),
                        new TokensReservedEvent(WALLET, "r2", 10, null, later))
                .when(new ReserveTokensCommand(WALLET, "r1", 30, null, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T),
                        new TokensReservedEvent(WALLET, "r2", 10, null, later))
                .when(new SettleReservationCommand(WALLET, "r1", 20, later))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.NOT_FOUND));
    }

    /** Requests are closed in another order than they were reserved in; each is forgotten by its reservation's time. */
    @Test
    void forgetsExactlyTheClosedRequestsReservedBeforeTheRetention() {
        Instant newer = T.plus(Duration.ofHours(2));
        Instant later = T.plus(Wallet.CLOSED_REQUEST_RETENTION).plus(Duration.ofHours(1));
        Object[] history = {opened(100), new TokensReservedEvent(WALLET, "r-old", 10, null, T),
                new TokensReservedEvent(WALLET, "r-new", 10, null, newer),
                new ReservationSettledEvent(WALLET, "r-new", 10, 5, 5, 5, 0, newer),
                new ReservationSettledEvent(WALLET, "r-old", 10, 5, 5, 5, 0, newer),
                new TokensReservedEvent(WALLET, "r-latest", 10, null, later)};
        fixture.given(history)
                .when(new SettleReservationCommand(WALLET, "r-new", 5, later))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(history)
                .when(new SettleReservationCommand(WALLET, "r-old", 5, later))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void anOpenWalletOpenedAgainRecordsNothing() {
        fixture.given(opened(100))
                .when(new OpenWalletCommand(WALLET, OWNER, 10_000, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settlesTheActualUsageFreeTokensFirst() {
        fixture.given(opened(50), new TokensCreditedEvent(WALLET, "pay_1", 100, T, null), reserved("r1", 80))
                .when(new SettleReservationCommand(WALLET, "r1", 70, T))
                .expectEvents(new ReservationSettledEvent(WALLET, "r1", 80, 70, 70, 50, 20, T));
    }

    @Test
    void usageBeyondTheReservationIsTakenFromTheUnreservedBalanceButNeverBelowZero() {
        fixture.given(opened(100), reserved("r1", 30), reserved("r2", 50))
                .when(new SettleReservationCommand(WALLET, "r1", 500, T))
                .expectEvents(new ReservationSettledEvent(WALLET, "r1", 30, 500, 50, 50, 0, T));
    }

    @Test
    void anExactlyRepeatedSettlementIsIgnored() {
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T))
                .when(new SettleReservationCommand(WALLET, "r1", 20, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSettlementWithOtherUsageForASettledRequestIsAConflict() {
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T))
                .when(new SettleReservationCommand(WALLET, "r1", 25, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void cannotSettleAnUnknownRequest() {
        fixture.given(opened(100))
                .when(new SettleReservationCommand(WALLET, "nope", 1, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void cannotSettleAReleasedRequest() {
        fixture.given(opened(100), reserved("r1", 30), new ReservationReleasedEvent(WALLET, "r1", 30, "failed", T))
                .when(new SettleReservationCommand(WALLET, "r1", 10, T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void releasesTheWholeReservation() {
        fixture.given(opened(100), reserved("r1", 30))
                .when(new ReleaseReservationCommand(WALLET, "r1", "provider failed", T))
                .expectEvents(new ReservationReleasedEvent(WALLET, "r1", 30, "provider failed", T));
    }

    @Test
    void aRepeatedReleaseIsIgnored() {
        fixture.given(opened(100), reserved("r1", 30), new ReservationReleasedEvent(WALLET, "r1", 30, "failed", T))
                .when(new ReleaseReservationCommand(WALLET, "r1", "timeout", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotReleaseAnUnknownRequest() {
        fixture.given(opened(100))
                .when(new ReleaseReservationCommand(WALLET, "nope", "timeout", T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void cannotReleaseASettledRequest() {
        fixture.given(opened(100), reserved("r1", 30), new ReservationSettledEvent(WALLET, "r1", 30, 20, 20, 20, 0, T))
                .when(new ReleaseReservationCommand(WALLET, "r1", "timeout", T))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void creditsPurchasedTokens() {
        fixture.given(opened(100))
                .when(new CreditTokensCommand(WALLET, "pay_1", 5_000, T, "pay_F1"))
                .expectEvents(new TokensCreditedEvent(WALLET, "pay_1", 5_000, T, "pay_F1"));
    }

    @Test
    void aRepeatedCreditFromOneSourceIsIgnored() {
        fixture.given(opened(100), new TokensCreditedEvent(WALLET, "pay_1", 5_000, T, null))
                .when(new CreditTokensCommand(WALLET, "pay_1", 5_000, T, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCreditOfAnotherAmountFromACreditedSourceIsAConflict() {
        fixture.given(opened(100), new TokensCreditedEvent(WALLET, "pay_1", 5_000, T, null))
                .when(new CreditTokensCommand(WALLET, "pay_1", 6_000, T, null))
                .expectNoEvents()
                .expectException(matchesCode(ErrorCode.CONFLICT));
    }

    @Test
    void grantsFreeTokensWithTheReasonAndTheAdministrator() {
        fixture.given(opened(100))
                .when(new GrantTokensCommand(WALLET, 250, "support ticket 12", ADMIN, T))
                .expectEvents(new TokensGrantedEvent(WALLET, 250, "support ticket 12", ADMIN, T));
    }

    @Test
    void grantedAndPurchasedTokensAreSpendable() {
        fixture.given(opened(0), new TokensGrantedEvent(WALLET, 10, "gift", ADMIN, T),
                        new TokensCreditedEvent(WALLET, "pay_1", 5, T, null))
                .when(new ReserveTokensCommand(WALLET, "r1", 15, null, T))
                .expectEvents(reserved("r1", 15));
    }

    @Test
    void countsRequestsAgainstTheDailyQuotaOfTheirTier() {
        DailyQuota premium = new DailyQuota("premium", LocalDate.of(2026, 1, 1), 2);
        fixture.given(opened(100), new TokensReservedEvent(WALLET, "r1", 1, premium, T),
                        new TokensReservedEvent(WALLET, "r2", 1, premium, T))
                .when(new ReserveTokensCommand(WALLET, "r3", 1, premium, T))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.QUOTA_EXCEEDED, Map.of("tier", "premium", "limit", 2, "used", 2,
                        "resetTime", "2026-01-02T00:00:00Z")));
    }

    @Test
    void aReleasedRequestGivesItsQuotaBackAndANewDayStartsAfresh() {
        DailyQuota today = new DailyQuota("standard", LocalDate.of(2026, 1, 1), 1);
        DailyQuota tomorrow = new DailyQuota("standard", LocalDate.of(2026, 1, 2), 1);
        fixture.given(opened(100), new TokensReservedEvent(WALLET, "r1", 1, today, T),
                        new ReservationReleasedEvent(WALLET, "r1", 1, "failed", T))
                .when(new ReserveTokensCommand(WALLET, "r2", 1, today, T))
                .expectEvents(new TokensReservedEvent(WALLET, "r2", 1, today, T));
        fixture.given(opened(100), new TokensReservedEvent(WALLET, "r1", 1, today, T))
                .when(new ReserveTokensCommand(WALLET, "r2", 1, tomorrow, T))
                .expectEvents(new TokensReservedEvent(WALLET, "r2", 1, tomorrow, T));
    }

    @Test
    void aRefundTakesBackPurchasedTokensButNeverWhatIsReservedOrSpent() {
        fixture.given(opened(0), new TokensCreditedEvent(WALLET, "order_1", 100, T, null))
                .when(new RevokeTokensCommand(WALLET, "rfnd_1", 100, "refund", T))
                .expectEvents(new TokensRevokedEvent(WALLET, "rfnd_1", 100, 100, "refund", T));
        fixture.given(opened(0), new TokensCreditedEvent(WALLET, "order_1", 100, T, null), reserved("r1", 30))
                .when(new RevokeTokensCommand(WALLET, "rfnd_1", 100, "refund", T))
                .expectEvents(new TokensRevokedEvent(WALLET, "rfnd_1", 100, 70, "refund", T));
        fixture.given(opened(0), new TokensCreditedEvent(WALLET, "order_1", 100, T, null),
                        new TokensRevokedEvent(WALLET, "rfnd_1", 100, 100, "refund", T))
                .when(new RevokeTokensCommand(WALLET, "rfnd_1", 100, "refund", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commandsRefuseInvalidShapes() {
        assertThatThrownBy(() -> new ReserveTokensCommand(WALLET, "r1", 0, null, T))
                .isInstanceOf(DomainException.class).hasMessage("amount must be positive");
        assertThatThrownBy(() -> new GrantTokensCommand(WALLET, 10, " ", ADMIN, T))
                .isInstanceOf(DomainException.class).hasMessage("reason must not be blank");
        assertThatThrownBy(() -> new SettleReservationCommand(WALLET, "r1", -1, T))
                .isInstanceOf(DomainException.class).hasMessage("usedTokens must not be negative");
        assertThat(WALLET.owner()).isEqualTo(OWNER);
    }

    @Test
    void aBatchDecidesEachCommandInOrderAsAloneAndARefusalUndoesNoneOfTheOthers() {
        fixture.given(opened(100))
                .when(new WalletCommandBatch(WALLET, List.of(
                        new ReserveTokensCommand(WALLET, "r1", 60, null, T),
                        new ReserveTokensCommand(WALLET, "r2", 50, null, T),
                        new SettleReservationCommand(WALLET, "r1", 20, T),
                        new ReserveTokensCommand(WALLET, "r3", 50, null, T))))
                .expectEvents(reserved("r1", 60), new ReservationSettledEvent(WALLET, "r1", 60, 20, 20, 20, 0, T),
                        reserved("r3", 50))
                .expectResultMessagePayloadMatching(outcomes(
                        outcome -> outcome.equals(1L),
                        outcome -> refusal(ErrorCode.INSUFFICIENT_TOKENS, Map.of("required", 50L, "available", 40L))
                                .matches(outcome),
                        outcome -> outcome instanceof WalletBalance balance && balance.freeTokens() == 80
                                && balance.reserved() == 0,
                        outcome -> outcome.equals(3L)));
    }

    @Test
    void aRequestTwiceInOneBatchIsReservedOnceAndSettledOnce() {
        fixture.given(opened(100))
                .when(new WalletCommandBatch(WALLET, List.of(
                        new ReserveTokensCommand(WALLET, "r1", 60, null, T),
                        new ReserveTokensCommand(WALLET, "r1", 60, null, T),
                        new SettleReservationCommand(WALLET, "r1", 20, T),
                        new SettleReservationCommand(WALLET, "r1", 20, T),
                        new ReleaseReservationCommand(WALLET, "r1", "failed", T))))
                .expectEvents(reserved("r1", 60), new ReservationSettledEvent(WALLET, "r1", 60, 20, 20, 20, 0, T))
                .expectResultMessagePayloadMatching(outcomes(
                        outcome -> outcome.equals(1L),
                        outcome -> outcome.equals(1L),
                        outcome -> outcome instanceof WalletBalance balance && balance.freeTokens() == 80,
                        outcome -> outcome instanceof WalletBalance balance && balance.freeTokens() == 80,
                        outcome -> matchesCode(ErrorCode.CONFLICT).matches(outcome)));
    }

    @Test
    void aBatchHoldsOnlyReservationsSettlementsAndReleasesOfItsWallet() {
        WalletId other = WalletId.of(new UserId("user-2"));
        assertThatThrownBy(() -> new WalletCommandBatch(WALLET, List.of(new ReserveTokensCommand(other, "r1", 1,
                null, T)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WalletCommandBatch(WALLET, List.of(new GrantTokensCommand(WALLET, 10, "gift",
                ADMIN, T)))).isInstanceOf(IllegalArgumentException.class);
    }

    /** A list with one outcome for each test, in order. */
    @SafeVarargs
    private static Matcher<Object> outcomes(Predicate<Object>... expected) {
        return matching(Object.class, expected.length + " outcomes, each as expected",
                payload -> payload instanceof List<?> outcomes && outcomes.size() == expected.length
                        && IntStream.range(0, expected.length).allMatch(i -> expected[i].test(outcomes.get(i))));
    }

    private static Matcher<Throwable> matchesCode(ErrorCode code) {
        return refusal(code, Map.of());
    }

    private static Matcher<Throwable> refusal(ErrorCode code, Map<String, Object> details) {
        return matching(Throwable.class, "a refusal with code " + code + " and details " + details,
                failure -> failure instanceof DomainException refused && refused.code() == code
                        && refused.details().equals(details));
    }

    private static <T> Matcher<T> matching(Class<T> type, String description, Predicate<T> test) {
        return new TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                return test.test(item);
            }

            @Override
            public void describeTo(Description text) {
                text.appendText(description);
            }
        };
    }
}
