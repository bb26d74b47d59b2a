package com.aipasta.command.payment;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.payment.api.command.ConfirmPaymentCommand;
import com.aipasta.payment.api.command.CreateOrderCommand;
import com.aipasta.payment.api.command.FailOrderCommand;
import com.aipasta.payment.api.command.RefundOrderCommand;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderFailedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.payment.api.event.PaymentDiscrepancyEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class OrderTest {

    private static final UserId BUYER = new UserId("user-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrderCreatedEvent CREATED =
            new OrderCreatedEvent("order_1", BUYER, "plan-pro", 250_000, 39_900, "INR", null, null, T);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void recordsTheOrder() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrderCommand("order_1", BUYER, "plan-pro", 250_000, 39_900, "INR", null, null, T))
                .expectEvents(CREATED);
    }

    @Test
    void aVerifiedCheckoutPaysTheOrder() {
        fixture.given(CREATED)
                .when(new ConfirmPaymentCommand("order_1", BUYER, "pay_1", null, null, "checkout", T))
                .expectEvents(new OrderPaidEvent("order_1", BUYER, "pay_1", 250_000, null, null, "checkout", T))
                .expectResultMessagePayload(new Order.Payment(true, "pay_1", BUYER, 250_000));
    }

    @Test
    void aMatchingWebhookPaysTheOrder() {
        fixture.given(CREATED)
                .when(new ConfirmPaymentCommand("order_1", null, "pay_1", 39_900L, "INR", "webhook", T))
                .expectEvents(new OrderPaidEvent("order_1", BUYER, "pay_1", 250_000, null, null, "webhook", T));
    }

    @Test
    void aPaidOrderIsPaidOnceWhateverProofComesAgain() {
        fixture.given(CREATED, new OrderPaidEvent("order_1", BUYER, "pay_1", 250_000, null, null, "webhook", T))
                .when(new ConfirmPaymentCommand("order_1", BUYER, "pay_1", null, null, "checkout", T))
                .expectNoEvents()
                .expectResultMessagePayload(new Order.Payment(true, "pay_1", BUYER, 250_000));
    }

    @Test
    void aProofWithAnotherAmountOrCurrencyIsADiscrepancyAndPaysNothing() {
        fixture.given(CREATED)
                .when(new ConfirmPaymentCommand("order_1", null, "pay_1", 100L, "INR", "webhook", T))
                .expectEvents(new PaymentDiscrepancyEvent("order_1", "pay_1", 100L, "INR", "webhook", T))
                .expectResultMessagePayload(new Order.Payment(false, null, BUYER, 250_000));
        fixture.given(CREATED)
                .when(new ConfirmPaymentCommand("order_1", null, "pay_1", 39_900L, "USD", "webhook", T))
                .expectEvents(new PaymentDiscrepancyEvent("order_1", "pay_1", 39_900L, "USD", "webhook", T));
    }

    @Test
    void aPaymentFoundWithAnotherAmountNeverPaysTheOrderLater() {
        fixture.given(CREATED, new PaymentDiscrepancyEvent("order_1", "pay_1", 100L, "INR", "webhook", T))
                .when(new ConfirmPaymentCommand("order_1", BUYER, "pay_1", null, null, "checkout", T))
                .expectNoEvents()
                .expectResultMessagePayload(new Order.Payment(false, null, BUYER, 250_000));
        fixture.given(CREATED, new PaymentDiscrepancyEvent("order_1", "pay_1", 100L, "INR", "webhook", T))
                .when(new ConfirmPaymentCommand("order_1", null, "pay_2", 39_900L, "INR", "webhook", T))
                .expectEvents(new OrderPaidEvent("order_1", BUYER, "pay_2", 250_000, null, null, "webhook", T));
    }

    @Test
    void aFailedPaymentFailsAnUnpaidOrderOnly() {
        fixture.given(CREATED)
                .when(new FailOrderCommand("order_1", "pay_9", "Payment was declined", T))
                .expectEvents(new OrderFailedEvent("order_1", "pay_9", "Payment was declined", T));
        fixture.given(CREATED, new OrderPaidEvent("order_1", BUYER, "pay_1", 250_000, null, null, "webhook", T))
                .when(new FailOrderCommand("order_1", "pay_9", "late failure", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefundIsWorthItsShareOfTheTokensOnce() {
        OrderPaidEvent paid = new OrderPaidEvent("order_1", BUYER, "pay_1", 250_000, null, null, "webhook", T);
        fixture.given(CREATED, paid)
                .when(new RefundOrderCommand("order_1", "rfnd_1", 19_950, T))
                .expectEvents(new OrderRefundedEvent("order_1", BUYER, "rfnd_1", 19_950, 125_000, T))
                .expectResultMessagePayload(new Order.Refund(BUYER, 125_000));
        fixture.given(CREATED, paid, new OrderRefundedEvent("order_1", BUYER, "rfnd_1", 19_950, 125_000, T))
                .when(new RefundOrderCommand("order_1", "rfnd_1", 19_950, T))
                .expectNoEvents()
                .expectResultMessagePayload(new Order.Refund(BUYER, 0));
        fixture.given(CREATED)
                .when(new RefundOrderCommand("order_1", "rfnd_1", 39_900, T))
                .expectNoEvents();
    }

    @Test
    void anotherUsersOrderDoesNotExistForThem() {
        fixture.given(CREATED)
                .when(new ConfirmPaymentCommand("order_1", new UserId("user-2"), "pay_1", null, null, "checkout", T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }
}
