package com.aipasta.projections.payment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(PlanDocument.COLLECTION)
public record PlanDocument(@Id String id, String name, String description, long tokens, long amount,
                           String currency, String planUpgrade, Integer validityDays, boolean active) {

    public static final String COLLECTION = "plans";
}
