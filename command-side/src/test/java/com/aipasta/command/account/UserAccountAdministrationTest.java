package com.aipasta.command.account;

import com.aipasta.account.api.command.AssignPlanCommand;
import com.aipasta.account.api.command.ChangeDailyLimitCommand;
import com.aipasta.account.api.command.ChangeRoleCommand;
import com.aipasta.account.api.command.CloseAccountCommand;
import com.aipasta.account.api.command.DeactivateUserCommand;
import com.aipasta.account.api.command.DeleteUserCommand;
import com.aipasta.account.api.command.ReactivateUserCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.account.api.event.DailyLimitChangedEvent;
import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.RoleChangedEvent;
import com.aipasta.account.api.event.UserDeactivatedEvent;
import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserReactivatedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class UserAccountAdministrationTest {

    private static final UserId USER = new UserId("user-1");
    private static final UserId ADMIN = new UserId("admin-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserRegisteredEvent REGISTERED =
            new UserRegisteredEvent(USER, "a@example.com", "Ada", "hash-0", Role.USER, T);

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void anAdministratorChangesTheRoleUnderTheirName() {
        fixture.given(REGISTERED)
                .when(new ChangeRoleCommand(USER, Role.ADMIN, ADMIN, T))
                .expectEvents(new RoleChangedEvent(USER, Role.ADMIN, Role.USER, ADMIN, T))
                .expectResultMessagePayload(1L);
    }

    @Test
    void settingTheSameRoleAgainRecordsNothing() {
        fixture.given(REGISTERED, new RoleChangedEvent(USER, Role.PREMIUM, Role.USER, ADMIN, T))
                .when(new ChangeRoleCommand(USER, Role.PREMIUM, ADMIN, T))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void anAdministratorCannotChangeTheirOwnRole() {
        fixture.given(new UserRegisteredEvent(ADMIN, "root@example.com", "Root", "hash", Role.ADMIN, T))
                .when(new ChangeRoleCommand(ADMIN, Role.USER, ADMIN, T))
                .expectNoEvents()
                .expectExceptionMessage("An administrator cannot change your own role");
    }

    @Test
    void assignsAPlanForGoodOrUntilADate() {
        Instant end = T.plusSeconds(86_400);
        fixture.given(REGISTERED)
                .when(new AssignPlanCommand(USER, "premium", end, ADMIN, T))
                .expectEvents(new PlanAssignedEvent(USER, "premium", end, ADMIN, T));
        fixture.given(REGISTERED)
                .when(new AssignPlanCommand(USER, "free", null, ADMIN, T))
                .expectNoEvents();
    }

    @Test
    void aPaidUpgradeDoesNotShortenAPlanAssignedForGood() {
        fixture.given(REGISTERED, new PlanAssignedEvent(USER, "premium", null, ADMIN, T))
                .when(new UpgradeSubscriptionCommand(USER, "premium", T.plusSeconds(60), "order_1", T))
                .expectNoEvents();
    }

    @Test
    void overridesAndRestoresTheDailyLimit() {
        fixture.given(REGISTERED)
                .when(new ChangeDailyLimitCommand(USER, 3, ADMIN, T))
                .expectEvents(new DailyLimitChangedEvent(USER, 3, ADMIN, T));
        fixture.given(REGISTERED, new DailyLimitChangedEvent(USER, 3, ADMIN, T))
                .when(new ChangeDailyLimitCommand(USER, null, ADMIN, T))
                .expectEvents(new DailyLimitChangedEvent(USER, null, ADMIN, T));
    }

    @Test
    void deactivatesOnceAndReactivates() {
        fixture.given(REGISTERED)
                .when(new DeactivateUserCommand(USER, "spam", ADMIN, T))
                .expectEvents(new UserDeactivatedEvent(USER, "spam", ADMIN, T));
        fixture.given(REGISTERED, new UserDeactivatedEvent(USER, "spam", ADMIN, T))
                .when(new DeactivateUserCommand(USER, "again", ADMIN, T))
                .expectNoEvents();
        fixture.given(REGISTERED, new UserDeactivatedEvent(USER, "spam", ADMIN, T))
                .when(new ReactivateUserCommand(USER, ADMIN, T))
                .expectEvents(new UserReactivatedEvent(USER, ADMIN, T));
    }

    @Test
    void aDeletedAccountTakesNoFurtherChanges() {
        fixture.given(REGISTERED)
                .when(new DeleteUserCommand(USER, ADMIN, T))
                .expectEvents(new UserDeletedEvent(USER, ADMIN, T));
        fixture.given(REGISTERED, new UserDeletedEvent(USER, ADMIN, T))
                .when(new ReactivateUserCommand(USER, ADMIN, T))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("No such user");
    }

    @Test
    void anAdministratorCannotDeleteThemselves() {
        fixture.given(new UserRegisteredEvent(ADMIN, "root@example.com", "Root", "hash", Role.ADMIN, T))
                .when(new DeleteUserCommand(ADMIN, ADMIN, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aUserClosesTheirOwnAccountOnce() {
        fixture.given(REGISTERED)
                .when(new CloseAccountCommand(USER, T))
                .expectEvents(new UserDeletedEvent(USER, USER, T));
        fixture.given(REGISTERED, new UserDeletedEvent(USER, USER, T))
                .when(new CloseAccountCommand(USER, T))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("No such user");
    }

    @Test
    void aGuestCannotCloseTheirAccount() {
        fixture.given(new GuestStartedEvent(USER, 5, T, T.plusSeconds(3600)))
                .when(new CloseAccountCommand(USER, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }
}
