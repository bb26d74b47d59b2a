package com.aipasta.command.wallet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpendingPolicyTest {

    @Test
    void spendsFreeTokensBeforePurchasedOnes() {
        assertThat(SpendingPolicy.settle(30, 100, 50, 50, 50))
                .isEqualTo(new SpendingPolicy.Charge(50, 30, 20));
    }

    @Test
    void chargesNoMoreThanTheReservationPlusWhatNoOtherReservationHolds() {
        assertThat(SpendingPolicy.settle(100, 0, 80, 30, 1_000))
                .isEqualTo(new SpendingPolicy.Charge(50, 50, 0));
    }

    @Test
    void chargesTheUsageWhenItIsBelowTheReservation() {
        assertThat(SpendingPolicy.settle(100, 0, 30, 30, 10))
                .isEqualTo(new SpendingPolicy.Charge(10, 10, 0));
    }

    @Test
    void spendableIsTheBalanceLessTheReservations() {
        assertThat(SpendingPolicy.spendable(10, 5, 12)).isEqualTo(3);
        assertThat(SpendingPolicy.spendable(10, 5, 15)).isZero();
    }
}
