package com.aipasta.catalog.api.event;

public sealed interface ModelPolicyEvent permits ModelPolicyChangedEvent {

    String modelId();
}
