package com.aipasta.projections.chat;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a user sent and was answered, added up: all of it ({@link #TOTAL}), by UTC day ({@link #DAY}, {@code key} the
 * day) and by model ({@link #MODEL}, {@code key} the model's id). Messages and answers count on the day they were
 * posted or begun, tokens and cost on the day the answer ended. Deleted messages count too: their tokens were spent.
 * Amounts are whole units of {@link #USD_SCALE} and {@link #INR_SCALE} decimal places, the precision answers are
 * priced at, so that they can be added to in place.
 */
@Document(UsageTallyDocument.COLLECTION)
@CompoundIndex(name = "owner_kind_key", def = "{'ownerId': 1, 'kind': 1, 'key': 1}")
public record UsageTallyDocument(@Id String id, String ownerId, String kind, String key, long messages,
                                 long answers, long failedAnswers, long tokens, long costUsd, long costInr) {

    public static final String COLLECTION = "usage_tallies";
    public static final String TOTAL = "total";
    public static final String DAY = "day";
    public static final String MODEL = "model";
    public static final int USD_SCALE = 10;
    public static final int INR_SCALE = 8;

    public static String id(String kind, String ownerId, String key) {
        return key == null ? kind + ":" + ownerId : kind + ":" + ownerId + ":" + key;
    }

    static long units(BigDecimal amount, int scale) {
        return amount == null ? 0 : amount.setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    public BigDecimal usd() {
        return BigDecimal.valueOf(costUsd, USD_SCALE).stripTrailingZeros();
    }

    public BigDecimal inr() {
        return BigDecimal.valueOf(costInr, INR_SCALE).stripTrailingZeros();
    }
}
