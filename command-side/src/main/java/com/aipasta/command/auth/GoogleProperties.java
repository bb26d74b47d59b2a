package com.aipasta.command.auth;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Google sign-in.
 *
 * @param clientIds the OAuth client ids an ID token must be issued to ({@code GOOGLE_CLIENT_ID}, comma-separated);
 *                  none turns Google sign-in off
 * @param jwksUrl   where Google publishes its signing keys ({@code GOOGLE_JWKS_URL})
 * @param issuers   the issuers accepted ({@code GOOGLE_ISSUERS})
 * @param keysTtl   how long fetched keys are kept before they are fetched again ({@code GOOGLE_KEYS_TTL})
 */
@Validated
@ConfigurationProperties("aipasta.google")
public record GoogleProperties(@DefaultValue List<String> clientIds,
                               @DefaultValue("https://www.googleapis.com/oauth2/v3/certs") @NotNull URI jwksUrl,
                               @DefaultValue({"https://accounts.google.com", "accounts.google.com"}) @NotEmpty
                               List<String> issuers,
                               @DefaultValue("1h") @NotNull Duration keysTtl) {

    public GoogleProperties {
        clientIds = clientIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    public boolean configured() {
        return !clientIds.isEmpty();
    }
}
