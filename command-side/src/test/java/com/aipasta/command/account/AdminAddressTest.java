package com.aipasta.command.account;

import com.aipasta.account.api.command.ClaimAdminAddressCommand;
import com.aipasta.account.api.event.AdminAddressClaimedEvent;
import com.aipasta.account.api.value.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class AdminAddressTest {

    private static final String ADDRESS = "admin-address-abc";
    private static final UserId FIRST = new UserId("user-1");
    private static final UserId LATER = new UserId("user-2");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private AggregateTestFixture<AdminAddress> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdminAddress.class);
    }

    @Test
    void theFirstAccountOfTheAddressBecomesItsAdministrator() {
        fixture.givenNoPriorActivity()
                .when(new ClaimAdminAddressCommand(ADDRESS, FIRST, null, T))
                .expectEvents(new AdminAddressClaimedEvent(ADDRESS, FIRST, T))
                .expectResultMessagePayload(true);
    }

    @Test
    void aLaterRegistrantOfTheAddressIsNot() {
        fixture.given(new AdminAddressClaimedEvent(ADDRESS, FIRST, T))
                .when(new ClaimAdminAddressCommand(ADDRESS, LATER, null, T))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theSameAccountAskingAgainStaysAdministrator() {
        fixture.given(new AdminAddressClaimedEvent(ADDRESS, FIRST, T))
                .when(new ClaimAdminAddressCommand(ADDRESS, FIRST, null, T))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void aClaimantWhoseAccountWasNeverRecordedPassesItOn() {
        fixture.given(new AdminAddressClaimedEvent(ADDRESS, FIRST, T))
                .when(new ClaimAdminAddressCommand(ADDRESS, LATER, FIRST, T))
                .expectEvents(new AdminAddressClaimedEvent(ADDRESS, LATER, T))
                .expectResultMessagePayload(true);
    }
}
