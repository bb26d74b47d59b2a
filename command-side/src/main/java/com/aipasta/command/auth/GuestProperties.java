package com.aipasta.command.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Guest accounts.
 *
 * @param messageLimit messages a guest may send in all ({@code GUEST_MESSAGE_LIMIT})
 * @param lifetime     how long a guest account and its token last ({@code GUEST_LIFETIME}), at most a day, since a
 *                     guest's messages are counted on the day it started
 */
@Validated
@ConfigurationProperties("aipasta.guest")
public record GuestProperties(@DefaultValue("5") @Min(1) @Max(1000) int messageLimit,
                              @DefaultValue("24h") @NotNull Duration lifetime) {

    public GuestProperties {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("GUEST_LIFETIME must be positive and at most 24h");
        }
    }
}
