package com.aipasta.account.api.value;

import com.aipasta.common.Require;

import java.time.Duration;

/**
 * How long a one-time password lasts, how many wrong attempts an account's codes of one purpose allow, and how long
 * the purpose is locked after the last of them.
 */
public record OtpRules(Duration lifetime, int maxAttempts, Duration lockout) {

    public OtpRules {
        Require.present(lifetime, "lifetime");
        Require.positive(maxAttempts, "maxAttempts");
        Require.present(lockout, "lockout");
    }
}
