package com.aipasta.command.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.ReserveTokensTogetherCommand;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.RequestedReservation;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** The monthly requests and tokens of a plan, and the daily quota at the turn of a day, decided by the wallet. */
class WalletLimitsTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final Instant JANUARY_END = Instant.parse("2026-01-31T23:59:59Z");
    private static final Instant FEBRUARY_START = Instant.parse("2026-02-01T00:00:00Z");
    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static WalletOpenedEvent opened() {
        return new WalletOpenedEvent(WALLET, OWNER, 10_000, JANUARY_END);
    }

    private static MonthlyQuota january(Integer requests, Long tokens) {
        return new MonthlyQuota(JANUARY, requests, tokens);
    }

    private static TokensReservedEvent reserved(String request, long amount, MonthlyQuota monthly, Instant at) {
        return new TokensReservedEvent(WALLET, request, amount, null, at, monthly);
    }

    @Test
    void refusesARequestBeyondTheMonthlyRequestsWithTheResetTime() {
        MonthlyQuota two = january(2, null);
        fixture.given(opened(), reserved("r1", 10, two, JANUARY_END), reserved("r2", 10, two, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r3", 10, null, two, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(Map.of("limit", "monthlyRequests", "max", 2, "used", 2,
                        "month", "2026-01", "resetTime", "2026-02-01T00:00:00Z")));
    }

    @Test
    void aReleasedRequestDoesNotCountAgainstTheMonth() {
        MonthlyQuota one = january(1, null);
        fixture.given(opened(), reserved("r1", 10, one, JANUARY_END),
                        new ReservationReleasedEvent(WALLET, "r1", 10, "failed", JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r2", 10, null, one, JANUARY_END))
                .expectEvents(reserved("r2", 10, one, JANUARY_END));
    }

    @Test
    void theMonthsTokensAreWhatWasChargedAndWhatOpenReservationsHold() {
        MonthlyQuota hundred = january(null, 100L);
        fixture.given(opened(), reserved("r1", 50, hundred, JANUARY_END),
                        new ReservationSettledEvent(WALLET, "r1", 50, 30, 30, 30, 0, JANUARY_END),
                        reserved("r2", 40, hundred, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r3", 31, null, hundred, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(Map.of("limit", "tokensPerMonth", "max", 100L, "used", 30L,
                        "reserved", 40L, "required", 31L, "month", "2026-01", "resetTime", "2026-02-01T00:00:00Z")));
        fixture.given(opened(), reserved("r1", 50, hundred, JANUARY_END),
                        new ReservationSettledEvent(WALLET, "r1", 50, 30, 30, 30, 0, JANUARY_END),
                        reserved("r2", 40, hundred, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r3", 30, null, hundred, JANUARY_END))
                .expectEvents(reserved("r3", 30, hundred, JANUARY_END));
    }

    @Test
    void aNewMonthStartsAfreshAndALateRequestOfTheOldMonthCountsInItsOwn() {
        MonthlyQuota oneInJanuary = january(1, null);
        MonthlyQuota oneInFebruary = new MonthlyQuota(FEBRUARY, 1, null);
        fixture.given(opened(), reserved("r1", 10, oneInJanuary, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r2", 10, null, oneInFebruary, FEBRUARY_START))
                .expectEvents(reserved("r2", 10, oneInFebruary, FEBRUARY_START));
        fixture.given(opened(), reserved("r1", 10, oneInJanuary, JANUARY_END),
                        reserved("r2", 10, oneInFebruary, FEBRUARY_START))
                .when(new ReserveTokensCommand(WALLET, "r3", 10, null, oneInJanuary, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(Map.of("limit", "monthlyRequests", "max", 1, "used", 1,
                        "month", "2026-01", "resetTime", "2026-02-01T00:00:00Z")));
        fixture.given(opened(), reserved("r2", 10, oneInFebruary, FEBRUARY_START),
                        reserved("r1", 10, oneInJanuary, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r3", 10, null, oneInFebruary, FEBRUARY_START))
                .expectNoEvents()
                .expectException(refusal(Map.of("limit", "monthlyRequests", "max", 1, "used", 1,
                        "month", "2026-02", "resetTime", "2026-03-01T00:00:00Z")));
    }

    @Test
    void aLateRequestOfYesterdayLeavesTodaysDailyQuotaAsItWas() {
        DailyQuota yesterday = new DailyQuota("standard", LocalDate.of(2026, 1, 31), 1);
        DailyQuota today = new DailyQuota("standard", LocalDate.of(2026, 2, 1), 1);
        fixture.given(opened(), new TokensReservedEvent(WALLET, "r1", 1, today, FEBRUARY_START),
                        new TokensReservedEvent(WALLET, "r0", 1, yesterday, JANUARY_END))
                .when(new ReserveTokensCommand(WALLET, "r2", 1, today, FEBRUARY_START))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.QUOTA_EXCEEDED, Map.of("tier", "standard", "limit", 1,
                        "used", 1, "resetTime", "2026-02-02T00:00:00Z")));
        fixture.given(opened(), new TokensReservedEvent(WALLET, "r0", 1, yesterday, JANUARY_END),
                        new TokensReservedEvent(WALLET, "r1", 1, today, FEBRUARY_START))
                .when(new ReserveTokensCommand(WALLET, "r2", 1, yesterday, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.QUOTA_EXCEEDED, Map.of("tier", "standard", "limit", 1,
                        "used", 1, "resetTime", "2026-02-01T00:00:00Z")));
    }

    @Test
    void reservesEveryRequestOfAComparisonOrNone() {
        DailyQuota standard = new DailyQuota("standard", LocalDate.of(2026, 1, 31), 3);
        DailyQuota premium = new DailyQuota("premium", LocalDate.of(2026, 1, 31), 1);
        List<RequestedReservation> three = List.of(new RequestedReservation("a", 100, standard),
                new RequestedReservation("b", 100, standard), new RequestedReservation("c", 100, premium));
        MonthlyQuota january = january(10, null);

        fixture.given(opened())
                .when(new ReserveTokensTogetherCommand(WALLET, three, january, JANUARY_END))
                .expectEvents(new TokensReservedEvent(WALLET, "a", 100, standard, JANUARY_END, january),
                        new TokensReservedEvent(WALLET, "b", 100, standard, JANUARY_END, january),
                        new TokensReservedEvent(WALLET, "c", 100, premium, JANUARY_END, january));
        fixture.given(opened(), new TokensReservedEvent(WALLET, "a", 100, standard, JANUARY_END, january),
                        new TokensReservedEvent(WALLET, "b", 100, standard, JANUARY_END, january),
                        new TokensReservedEvent(WALLET, "c", 100, premium, JANUARY_END, january))
                .when(new ReserveTokensTogetherCommand(WALLET, three, january, JANUARY_END))
                .expectNoEvents();
        fixture.given(opened(), new TokensReservedEvent(WALLET, "x", 1, standard, JANUARY_END))
                .when(new ReserveTokensTogetherCommand(WALLET, List.of(new RequestedReservation("a", 1, standard),
                        new RequestedReservation("b", 1, standard), new RequestedReservation("c", 1, standard)),
                        null, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.QUOTA_EXCEEDED, Map.of("tier", "standard", "limit", 3,
                        "used", 1, "resetTime", "2026-02-01T00:00:00Z")));
        fixture.given(opened())
                .when(new ReserveTokensTogetherCommand(WALLET, List.of(new RequestedReservation("a", 6_000, null),
                        new RequestedReservation("b", 6_000, null)), null, JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.INSUFFICIENT_TOKENS, Map.of("required", 12_000L,
                        "available", 10_000L)));
        fixture.given(opened(), reserved("x", 10, january(2, null), JANUARY_END))
                .when(new ReserveTokensTogetherCommand(WALLET, List.of(new RequestedReservation("a", 1, null),
                        new RequestedReservation("b", 1, null)), january(2, null), JANUARY_END))
                .expectNoEvents()
                .expectException(refusal(Map.of("limit", "monthlyRequests", "max", 2, "used", 1,
                        "month", "2026-01", "resetTime", "2026-02-01T00:00:00Z")));
    }

    private static Matcher<Throwable> refusal(Map<String, Object> details) {
        return refusal(ErrorCode.MONTHLY_LIMIT_EXCEEDED, details);
    }

    private static Matcher<Throwable> refusal(ErrorCode code, Map<String, Object> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof DomainException refused && refused.code() == code
                        && refused.details().equals(details);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code " + code + " and details " + details);
            }
        };
    }
}
