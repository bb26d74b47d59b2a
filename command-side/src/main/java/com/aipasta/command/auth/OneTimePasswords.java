package com.aipasta.command.auth;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.UserId;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

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

    private final LookupKey lookupKey;
    private final SecureRandom random = new SecureRandom();

    public OneTimePasswords(LookupKey lookupKey) {
        this.lookupKey = lookupKey;
    }

    public String newCode() {
        return String.format("%06d", random.nextInt(CODES));
    }

    /** {@code <userId>.<256 random bits>}: the token names its account, so a reset needs nothing else. */
    public String newResetToken(UserId userId) {
        byte[] bytes = new byte[RESET_TOKEN_BYTES];
        random.nextBytes(bytes);
        return userId.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Optional<UserId> accountOfResetToken(String token) {
        int dot = token.lastIndexOf('.');
        return dot > 0 && !token.substring(0, dot).isBlank() ? Optional.of(new UserId(token.substring(0, dot)))
                : Optional.empty();
    }

    public String hashCode(UserId userId, OtpPurpose purpose, String code) {
        return lookupKey.hash("otp\n" + purpose + "\n" + userId.value() + "\n" + code);
    }

    public String hashResetToken(UserId userId, String token) {
        return lookupKey.hash("reset-token\n" + userId.value() + "\n" + token);
    }
}
