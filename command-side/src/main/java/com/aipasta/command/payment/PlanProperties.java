package com.aipasta.command.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The plans the catalogue starts with, created once on the first start (later changes are made by
 * administrators, as events). Without configuration: a starter, a pro and a max pack in INR.
 *
 * @param seeds each plan's id, name, description, tokens, amount (in paise for INR), currency, and optionally
 *              the plan it upgrades its buyer to and for how many days
 */
@Validated
@ConfigurationProperties("aipasta.plans")
public record PlanProperties(@Valid List<Seed> seeds) {

    public record Seed(@NotBlank String id, @NotBlank String name, String description, @Positive long tokens,
                       @Positive long amount, @NotBlank String currency, String planUpgrade, Integer validityDays) {
    }

    public PlanProperties {
        if (seeds == null || seeds.isEmpty()) {
            seeds = List.of(
                    new Seed("starter", "Starter", "50,000 tokens for casual use", 50_000, 9_900, "INR", null, null),
                    new Seed("pro", "Pro", "250,000 tokens for regular use", 250_000, 39_900, "INR", null, null),
                    new Seed("max", "Max", "1,000,000 tokens and premium models for 30 days", 1_000_000, 129_900,
                            "INR", "premium", 30));
        }
    }
}
