package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(SignupFact.COLLECTION)
public record SignupFact(@Id String userId, @Indexed Instant registeredAt) {

    public static final String COLLECTION = "analytics_signups";
}
