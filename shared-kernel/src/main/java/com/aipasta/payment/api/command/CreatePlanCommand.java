package com.aipasta.payment.api.command;

import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Adds a plan to the catalogue. {@code amount} is in the currency's smallest unit (paise for INR); a plan with a
 * {@code planUpgrade} (e.g. {@code premium}) also moves its buyer to that plan for {@code validityDays}.
 */
public record CreatePlanCommand(@TargetAggregateIdentifier String planId, String name, String description,
                                long tokens, long amount, String currency, String planUpgrade,
                                Integer validityDays, String createdBy, Instant createdAt) {

    public CreatePlanCommand {
        Require.text(planId, "planId");
        Require.text(name, "name");
        Require.positive(tokens, "tokens");
        Require.positive(amount, "amount");
        Require.text(currency, "currency");
        Require.text(createdBy, "createdBy");
        Require.present(createdAt, "createdAt");
    }
}
