package com.aipasta.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Who may call the platform from where.
 *
 * @param allowedOrigins  browser origins allowed to call the API across origins, with credentials
 *                        ({@code ALLOWED_ORIGINS}); none by default
 * @param prometheusToken bearer token that lets a scraper read {@code /actuator/prometheus}
 *                        ({@code PROMETHEUS_TOKEN}); without it only administrators may
 */
@ConfigurationProperties("aipasta.web-security")
public record WebSecurityProperties(@DefaultValue List<String> allowedOrigins, String prometheusToken) {

    public WebSecurityProperties {
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }
}
