package com.aipasta.command.account;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccountTest {

    private static final UserId USER = new UserId("user-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserRegisteredEvent REGISTERED =
            new UserRegisteredEvent(USER, "a@example.com", "Ada", "hash-0", Role.USER, T);

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(T.plusSeconds(10), ZoneOffset.UTC));
    }

    @Test
    void registers() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "a@example.com", "Ada", "hash-0", Role.USER, T, T.plusSeconds(30)))
                .expectEvents(REGISTERED);
    }

    @Test
    void anAccountIsNotRecordedAfterItsEmailClaimLapsed() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "a@example.com", "Ada", "hash-0", Role.USER, T, T.plusSeconds(5)))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void changingThePasswordRaisesTheCredentialsVersion() {
        fixture.given(REGISTERED, new PasswordChangedEvent(USER, "hash-1", 1, T))
                .when(new ChangePasswordCommand(USER, "hash-2", T))
                .expectEvents(new PasswordChangedEvent(USER, "hash-2", 2, T))
                .expectResultMessagePayload(2);
    }

    @Test
    void cannotChangeThePasswordOfAnUnknownAccount() {
        fixture.givenNoPriorActivity()
                .when(new ChangePasswordCommand(USER, "hash-1", T))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aPaidPlanUpgradesAndALaterOrderExtendsIt() {
        Instant month = T.plus(Duration.ofDays(30));
        Instant twoMonths = T.plus(Duration.ofDays(60));
        fixture.given(REGISTERED)
                .when(new UpgradeSubscriptionCommand(USER, "premium", month, "order_1", T))
                .expectEvents(new SubscriptionUpgradedEvent(USER, "premium", month, "order_1", T));
        fixture.given(REGISTERED, new SubscriptionUpgradedEvent(USER, "premium", twoMonths, "order_2", T))
                .when(new UpgradeSubscriptionCommand(USER, "premium", month, "order_1", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSubscriptionExpiresOnlyOnceItsEndHasPassed() {
        Instant month = T.plus(Duration.ofDays(30));
        fixture.given(REGISTERED, new SubscriptionUpgradedEvent(USER, "premium", month, "order_1", T))
                .when(new ExpireSubscriptionCommand(USER, T.plus(Duration.ofDays(29))))
                .expectNoEvents();
        fixture.given(REGISTERED, new SubscriptionUpgradedEvent(USER, "premium", month, "order_1", T))
                .when(new ExpireSubscriptionCommand(USER, month))
                .expectEvents(new SubscriptionExpiredEvent(USER, "premium", month));
        fixture.given(REGISTERED)
                .when(new ExpireSubscriptionCommand(USER, month))
                .expectNoEvents();
    }

    @Test
    void commandsRefuseInvalidShapes() {
        assertThatThrownBy(() -> new RegisterUserCommand(USER, " ", "Ada", "hash", Role.USER, T, T))
                .isInstanceOf(DomainException.class).hasMessage("email must not be blank");
        assertThatThrownBy(() -> new RegisterUserCommand(USER, "a@example.com", "Ada", "hash", null, T, T))
                .isInstanceOf(DomainException.class).hasMessage("role is required");
        assertThatThrownBy(() -> new ChangePasswordCommand(USER, "", T))
                .isInstanceOf(DomainException.class).hasMessage("passwordHash must not be blank");
    }
}
