package com.aipasta.command.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Razorpay settings.
 *
 * @param keyId         the API key id, sent to the checkout ({@code RAZORPAY_KEY_ID})
 * @param keySecret     the API key secret: basic-auth password of the Orders API and key of checkout signatures
 *                      ({@code RAZORPAY_KEY_SECRET})
 * @param webhookSecret the key of webhook signatures ({@code RAZORPAY_WEBHOOK_SECRET}); the key secret when blank
 * @param baseUrl       the API's base URL ({@code RAZORPAY_BASE_URL})
 */
@ConfigurationProperties("aipasta.razorpay")
public record RazorpayProperties(String keyId, String keySecret, String webhookSecret,
                                 @DefaultValue("https://api.razorpay.com") String baseUrl) {

    public boolean configured() {
        return keyId != null && !keyId.isBlank() && keySecret != null && !keySecret.isBlank();
    }

    public String webhookKey() {
        return webhookSecret == null || webhookSecret.isBlank() ? keySecret : webhookSecret;
    }
}
