package com.aipasta.payment.api.event;

public sealed interface OrderEvent permits OrderCreatedEvent, OrderPaidEvent, PaymentDiscrepancyEvent,
        OrderFailedEvent {

    String orderId();
}
