package com.aipasta.command.auth;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes six-digit codes and reset tokens and their keyed hashes (HMAC-SHA256 under {@code EMAIL_LOOKUP_KEY}, apart
 * from the e-mail lookups by what is hashed). A million codes are quickly tried against a plain hash; without the key,
 * the hashes in the event store give nothing away. Each hash names the account and the purpose, so a code proves
 * nothing for another account or purpose.
 */
@Component
public class OneTimePasswords {

    private static final int CODES = 1_000_000;
    private static final int RESET_TOKEN_BYTES = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public OneTimePasswords(AuthProperties properties, SecretStore secrets) {
        this.key = new SecretKeySpec(secrets.configuredOrGenerated(properties.lookupKey(), "email-lookup-key")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String newCode() {
        return String.format("%06d", random.nextInt(CODES));
    }

    public String newResetToken() {
        byte[] bytes = new byte[RESET_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hashCode(UserId userId, OtpPurpose purpose, String code) {
        return hmac("otp\n" + purpose + "\n" + userId.value() + "\n" + code);
    }

    public String hashResetToken(UserId userId, String token) {
        return hmac("reset-token\n" + userId.value() + "\n" + token);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
