package com.aipasta.payment.api.event;

public sealed interface OrderEvent permits OrderCreatedEvent, OrderPaidEvent, PaymentDiscrepancyEvent,
        OrderFailedEvent, OrderRefundedEvent {

    String orderId();
}
