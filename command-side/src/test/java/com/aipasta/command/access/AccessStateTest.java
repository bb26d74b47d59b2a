package com.aipasta.command.access;

import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.ProfileUpdatedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.TokenRevokedEvent;
import com.aipasta.account.api.event.UserAccountEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.query.WalletSummary;
import com.aipasta.wallet.api.value.WalletBalance;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessStateTest {

    private static final UserId USER = new UserId("user-1");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private InMemoryEventStorageEngine storage;
    private EmbeddedEventStore eventStore;
    private AccessState access;

    @BeforeEach
    void setUp() {
        storage = new InMemoryEventStorageEngine();
        eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        access = new AccessState(storage, eventStore, 2);
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    private static UserRegisteredEvent registered(UserId user) {
        return new UserRegisteredEvent(user, user.value() + "@example.com", "Ada", "hash", Role.USER, T);
    }

    /** An event another node appended: in the store, not seen by this process's event bus. */
    private void appendedElsewhere(UserAccountEvent event, long sequence) {
        storage.appendEvents(new GenericDomainEventMessage<>("UserAccount", event.userId().value(), sequence, event));
    }

    /** An event a command of this process appended. */
    private void appendedHere(UserAccountEvent event, long sequence) {
        eventStore.publish(new GenericDomainEventMessage<>("UserAccount", event.userId().value(), sequence, event));
    }

    @Test
    void anAccountNotHeldIsFoldedFromItsEventsInTheStore() {
        appendedElsewhere(registered(USER), 0);
        appendedElsewhere(new RoleChangedEvent(USER, Role.PREMIUM, Role.USER, ADMIN, T), 1);
        appendedElsewhere(new PasswordChangedEvent(USER, "hash-2", 1, T), 2);
        appendedElsewhere(new TokenRevokedEvent(USER, "token-1", T.plus(Duration.ofDays(7)), T), 3);

        Access account = access.of(USER).orElseThrow();

        assertThat(account.role()).isEqualTo(Role.PREMIUM);
        assertThat(account.effectivePlan()).isEqualTo(Access.PREMIUM_PLAN);
        assertThat(account.credentialsVersion()).isEqualTo(1);
        assertThat(account.revoked("token-1")).isTrue();
        assertThat(account.revoked("token-2")).isFalse();
        assertThat(account.active()).isTrue();
        assertThat(access.of(new UserId("nobody"))).isEmpty();
    }

    @Test
    void anEventAppendedHereHoldsForTheVeryNextRequest() {
        appendedHere(registered(USER), 0);
        assertThat(access.of(USER).orElseThrow().active()).isTrue();

        appendedHere(new TokenRevokedEvent(USER, "token-1", T.plus(Duration.ofDays(7)), T), 1);
        assertThat(access.of(USER).orElseThrow().revoked("token-1")).isTrue();

        appendedHere(new UserDeactivatedEvent(USER, "abuse", ADMIN, T), 2);
        assertThat(access.of(USER).orElseThrow().active()).isFalse();
    }

    @Test
    void theTrackingProcessorMovesOnlyAccountsItHoldsAndFoldsEachEventOnceInOrder() {
        appendedElsewhere(registered(USER), 0);
        appendedElsewhere(new UserDeactivatedEvent(USER, "abuse", ADMIN, T), 1);
        access.on(registered(USER), 0);
        access.on(new UserDeactivatedEvent(USER, "abuse", ADMIN, T), 1);
        assertThat(access.heldAccounts()).as("events of an account not held add nothing").isZero();

        assertThat(access.of(USER).orElseThrow().active()).isFalse();

        appendedElsewhere(new PlanAssignedEvent(USER, Access.PREMIUM_PLAN, null, ADMIN, T), 2);
        access.on(new PlanAssignedEvent(USER, Access.PREMIUM_PLAN, null, ADMIN, T), 2);
        access.on(new PlanAssignedEvent(USER, Access.FREE_PLAN, null, ADMIN, T), 2);
        assertThat(access.of(USER).orElseThrow().plan()).as("a redelivered sequence number is folded once")
                .isEqualTo(Access.PREMIUM_PLAN);

        appendedElsewhere(new PasswordChangedEvent(USER, "hash-2", 1, T), 3);
        appendedElsewhere(new PasswordChangedEvent(USER, "hash-3", 2, T), 4);
        access.on(new PasswordChangedEvent(USER, "hash-3", 2, T), 4);
        assertThat(access.heldAccounts()).as("an event after a gap drops the account").isZero();
        assertThat(access.of(USER).orElseThrow().credentialsVersion()).isEqualTo(2);
    }

    @Test
    void aLoggedOutTokenIsForgottenOnceItWouldHaveExpired() {
        Access account = Access.registered(registered(USER), 0)
                .with(new TokenRevokedEvent(USER, "short", T.plus(Duration.ofHours(1)), T), 1)
                .with(new TokenRevokedEvent(USER, "long", T.plus(Duration.ofDays(7)), T), 2)
                .with(new TokenRevokedEvent(USER, "later", T.plus(Duration.ofDays(7)), T.plus(Duration.ofHours(2))), 3);

        assertThat(account.revokedTokens()).containsOnlyKeys("long", "later");
    }

    @Test
    void theSummaryAnAnswerShowsFollowsTheProfileTheRoleAndTheWallet() {
        WalletBalance wallet = new WalletBalance(7, 900, 50, 120, 30);
        Access account = Access.registered(registered(USER), 0)
                .with(new ProfileUpdatedEvent(USER, "Ada L.", null, null, null, T.plusSeconds(5)), 1)
                .with(new RoleChangedEvent(USER, Role.PREMIUM, Role.USER, ADMIN, T.plusSeconds(9)), 2);

        assertThat(account.summaryWith(wallet)).isEqualTo(new UserSummary(USER.value(), "user-1@example.com",
                "Ada L.", Role.PREMIUM, Access.PREMIUM_PLAN, null, T, new WalletSummary(950, 900, 50, 120, 30)));
        assertThat(account.with(new UserDeletedEvent(USER, USER, T.plusSeconds(60)), 3).summaryWith(wallet))
                .extracting(UserSummary::email, UserSummary::name, UserSummary::createdAt)
                .containsExactly(null, UserSummary.DELETED_NAME, T);
        assertThat(Access.guest(new GuestStartedEvent(new UserId("guest-1"), 5, T, T.plusSeconds(3_600)), 0)
                .summaryWith(wallet)).extracting(UserSummary::email, UserSummary::name, UserSummary::role)
                .containsExactly(null, UserSummary.GUEST_NAME, Role.GUEST);
    }

    @Test
    void holdsAtMostTheConfiguredNumberOfAccounts() {
        for (int user = 0; user < 5; user++) {
            appendedHere(registered(new UserId("user-" + user)), 0);
        }

        assertThat(access.heldAccounts()).isLessThanOrEqualTo(2);
        assertThat(access.of(new UserId("user-0"))).as("an evicted account is folded again from the store")
                .isPresent();
    }
}
