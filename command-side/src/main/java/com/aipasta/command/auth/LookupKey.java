package com.aipasta.command.auth;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hashes (HMAC-SHA256 under {@code EMAIL_LOOKUP_KEY}) of what the platform finds or checks by without keeping
 * it: e-mail addresses, one-time codes, reset tokens.
 */
@Component
public class LookupKey {

    private final SecretKeySpec key;

    public LookupKey(AuthProperties properties, SecretStore secrets) {
        this.key = new SecretKeySpec(secrets.configuredOrGenerated(properties.lookupKey(), "email-lookup-key")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
