package com.aipasta.projections.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The analytics facts added up, for all time ({@link #ALL}) and for each UTC day ({@link #DAY}, {@code day} its
 * start): of every fact ({@link #TOTAL}), by model ({@link #MODEL}, {@code key} the model's id, {@code subkey} its
 * provider), of paid orders by currency and plan ({@link #REVENUE}) and of refunds likewise ({@link #REFUNDS}).
 * {@code count} is the orders or refunds of a {@link #REVENUE} or {@link #REFUNDS} tally. Active users are not
 * tallied: distinct users do not add up, so they are counted from {@link ActiveUserDocument}s.
 */
@Document(AnalyticsTallyDocument.COLLECTION)
@CompoundIndex(name = "span_day", def = "{'span': 1, 'day': 1}")
public record AnalyticsTallyDocument(@Id String id, String span, Instant day, String kind, String key, String subkey,
                                     long signups, long answers, long failedAnswers, long tokens,
                                     long tokensPurchased, long tokensRefunded, long amount, long count) {

    public static final String COLLECTION = "analytics_tallies";
    public static final String ALL = "all";
    public static final String DAY = "day";
    public static final String TOTAL = "total";
    public static final String MODEL = "model";
    public static final String REVENUE = "revenue";
    public static final String REFUNDS = "refunds";
}
