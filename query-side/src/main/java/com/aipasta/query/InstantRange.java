package com.aipasta.query;

import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Instant;

/** The one meaning of a read endpoint's {@code from} and {@code to}: from inclusive, to exclusive, either open. */
public final class InstantRange {

    private InstantRange() {
    }

    public static void restrict(Criteria criteria, String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return;
        }
        Criteria range = criteria.and(field);
        if (from != null) {
            range.gte(from);
        }
        if (to != null) {
            range.lt(to);
        }
    }
}
