package com.aipasta.command.account;

import com.aipasta.account.api.command.ChangeRoleCommand;
import com.aipasta.account.api.command.RegisterGuestCommand;
import com.aipasta.account.api.command.StartGuestCommand;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.common.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class GuestAccountTest {

    private static final UserId GUEST = new UserId("guest-1");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ENDS = T.plus(Duration.ofHours(24));
    private static final GuestStartedEvent STARTED = new GuestStartedEvent(GUEST, 5, T, ENDS);

    private static AggregateTestFixture<UserAccount> fixtureAt(Instant now) {
        AggregateTestFixture<UserAccount> fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        return fixture;
    }

    private static RegisterGuestCommand registration(Instant at) {
        return new RegisterGuestCommand(GUEST, "g@example.com", "Gina", "hash", Role.USER, at, at.plusSeconds(30));
    }

    @Test
    void startsAGuest() {
        fixtureAt(T).givenNoPriorActivity()
                .when(new StartGuestCommand(GUEST, 5, T, ENDS))
                .expectEvents(STARTED);
    }

    @Test
    void aGuestRegistersUnderTheSameId() {
        Instant at = T.plus(Duration.ofHours(3));
        fixtureAt(at).given(STARTED)
                .when(registration(at))
                .expectEvents(new UserRegisteredEvent(GUEST, "g@example.com", "Gina", "hash", Role.USER, at));
    }

    @Test
    void aGuestPastItsEndCannotRegister() {
        fixtureAt(ENDS).given(STARTED)
                .when(registration(ENDS))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aRegisteredAccountCannotRegisterAgainAsAGuest() {
        Instant at = T.plus(Duration.ofHours(1));
        fixtureAt(at).given(STARTED, new UserRegisteredEvent(GUEST, "g@example.com", "Gina", "hash", Role.USER, T))
                .when(registration(at))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aGuestHasNoRoleToChange() {
        fixtureAt(T).given(STARTED)
                .when(new ChangeRoleCommand(GUEST, Role.PREMIUM, ADMIN, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aGuestsAccessEndsWithTheGuestAndARegistrationLiftsTheEnd() {
        Access guest = Access.guest(STARTED, 0);

        assertThat(guest.guest()).isTrue();
        assertThat(guest.effectivePlan()).isEqualTo(Access.FREE_PLAN);
        assertThat(guest.usableAt(ENDS.minusMillis(1))).isTrue();
        assertThat(guest.usableAt(ENDS)).isFalse();

        Access registered = guest.with(new UserRegisteredEvent(GUEST, "g@example.com", "Gina", "hash", Role.USER, T), 1);

        assertThat(registered.guest()).isFalse();
        assertThat(registered.trial()).isNull();
        assertThat(registered.usableAt(ENDS.plus(Duration.ofDays(30)))).isTrue();
    }
}
