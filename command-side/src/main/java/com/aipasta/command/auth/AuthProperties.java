package com.aipasta.command.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Authentication settings.
 *
 * @param jwtSecret            HS256 signing secret of at least 32 bytes ({@code JWT_SECRET}); when blank, one is
 *                             generated once and kept in the data directory
 * @param lookupKey            key of the keyed hash under which e-mail addresses are looked up
 *                             ({@code EMAIL_LOOKUP_KEY}); generated and kept like the JWT secret when blank
 * @param tokenTtl             how long an issued token is valid ({@code JWT_TTL})
 * @param passwordHashStrength BCrypt cost factor ({@code PASSWORD_HASH_STRENGTH})
 * @param adminEmails          addresses that become administrators when they register ({@code ADMIN_EMAILS})
 */
@Validated
@ConfigurationProperties("aipasta.auth")
public record AuthProperties(String jwtSecret,
                             String lookupKey,
                             @DefaultValue("7d") @NotNull Duration tokenTtl,
                             @DefaultValue("10") @Min(4) @Max(16) int passwordHashStrength,
                             @DefaultValue List<String> adminEmails) {

    public boolean isAdminEmail(String normalisedEmail) {
        return adminEmails.stream().map(AuthProperties::normaliseEmail).anyMatch(normalisedEmail::equals);
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
