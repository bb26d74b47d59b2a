package com.aipasta.projections.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** An administrator's policy for a catalogue model, by its catalogue id. */
@Document(ModelPolicyDocument.COLLECTION)
public record ModelPolicyDocument(@Id String id, boolean enabled, String requiredPlan, String changedBy,
                                  Instant changedAt, long lastSequence) {

    public static final String COLLECTION = "model_policies";
}
