package com.aipasta.projections.wallet;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One request a wallet reserved for, by its request id: the UTC month and day it counts in, the model tier of its
 * daily quota (null when it had none), whether it is open, settled or released, and the tokens charged for it.
 */
@Document(RequestUsageDocument.COLLECTION)
@CompoundIndex(name = "owner_month", def = "{'ownerId': 1, 'month': 1}")
public record RequestUsageDocument(@Id String id, String ownerId, String month, String day, String tier,
                                   String state, long tokens, Instant reservedAt, long lastSequence) {

    public static final String COLLECTION = "wallet_requests";
    public static final String OPEN = "open";
    public static final String SETTLED = "settled";
    public static final String RELEASED = "released";
}
