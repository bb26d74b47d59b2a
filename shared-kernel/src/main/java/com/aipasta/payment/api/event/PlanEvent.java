package com.aipasta.payment.api.event;

public sealed interface PlanEvent permits PlanCreatedEvent, PlanChangedEvent, PlanDeactivatedEvent {

    String planId();
}
