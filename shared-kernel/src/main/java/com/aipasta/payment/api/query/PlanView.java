package com.aipasta.payment.api.query;

/** A plan as sold: {@code amount} in the currency's smallest unit. */
public record PlanView(String id, String name, String description, long tokens, long amount, String currency,
                       String planUpgrade, Integer validityDays, boolean active) {
}
