package com.aipasta.account.api.value;

import java.time.Instant;

/**
 * The answer of the account to a submitted one-time password: passed, or wrong with {@code attemptsLeft} (none left
 * when {@code lockedUntil} is set). A wrong code is recorded, so it is an answer, not a refusal; after a password
 * reset that passed, {@code credentialsVersion} is the account's new one.
 */
public record OtpCheck(boolean passed, int attemptsLeft, Instant lockedUntil, int credentialsVersion) {

    public static OtpCheck passed(int credentialsVersion) {
        return new OtpCheck(true, 0, null, credentialsVersion);
    }

    public static OtpCheck wrong(int attemptsLeft, Instant lockedUntil) {
        return new OtpCheck(false, attemptsLeft, lockedUntil, 0);
    }
}
