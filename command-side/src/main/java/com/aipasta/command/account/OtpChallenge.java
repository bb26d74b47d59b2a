package com.aipasta.command.account;

import com.aipasta.account.api.event.OtpAttemptFailedEvent;
import com.aipasta.command.auth.RateLimitedException;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * An account's one-time password of one purpose: the keyed hash of the pending code and its end, the wrong attempts
 * in a row, and the end of a lockout. Wrong attempts are counted across codes, so asking for a new code does not
 * give a guesser more tries; they start again after a right code or a lockout.
 */
record OtpChallenge(String otpHash, Instant expiresAt, int failures, Instant lockedUntil) {

    static final OtpChallenge NONE = new OtpChallenge(null, null, 0, null);

    void requireNotLockedAt(Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            throw new RateLimitedException(ErrorCode.OTP_LOCKED,
                    "Too many wrong codes: try again after " + lockedUntil, Duration.between(now, lockedUntil), now);
        }
    }

    /** Refuses a submitted code when none can be accepted: during a lockout, with no code pending or an old one. */
    void requireAcceptingAt(Instant now) {
        requireNotLockedAt(now);
        if (otpHash == null || !now.isBefore(expiresAt)) {
            throw new DomainException(ErrorCode.OTP_EXPIRED, "The code has expired or was never sent: ask for a new one");
        }
    }

    boolean matches(String submittedHash) {
        return sameHash(otpHash, submittedHash);
    }

    OtpChallenge issued(String hash, Instant expiry) {
        return new OtpChallenge(hash, expiry, failures, null);
    }

    OtpChallenge failed(OtpAttemptFailedEvent event) {
        return event.lockedUntil() != null ? new OtpChallenge(null, null, 0, event.lockedUntil())
                : new OtpChallenge(otpHash, expiresAt, event.failedAttempts(), lockedUntil);
    }

    /** A right code that stays usable (a reset code until the password is set). */
    OtpChallenge passed() {
        return new OtpChallenge(otpHash, expiresAt, 0, null);
    }

    static boolean sameHash(String expected, String submitted) {
        return expected != null && submitted != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
