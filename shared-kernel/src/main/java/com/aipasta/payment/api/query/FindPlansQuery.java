package com.aipasta.payment.api.query;

/** The plan catalogue, cheapest first; with {@code activeOnly} without the deactivated plans. */
public record FindPlansQuery(boolean activeOnly) {
}
