package com.aipasta.projections.payment;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(PlanDocument.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "active_cheapest", def = "{'active': 1, 'amount': 1, '_id': 1}"),
        @CompoundIndex(name = "cheapest", def = "{'amount': 1, '_id': 1}")
})
public record PlanDocument(@Id String id, String name, String description, long tokens, long amount,
                           String currency, String planUpgrade, Integer validityDays, boolean active) {

    public static final String COLLECTION = "plans";
}
