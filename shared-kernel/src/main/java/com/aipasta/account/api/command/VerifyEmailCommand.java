package com.aipasta.account.api.command;

import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Answers with an {@code OtpCheck}: a wrong code is recorded as a failed attempt. */
public record VerifyEmailCommand(@TargetAggregateIdentifier UserId userId, String otpHash, Instant attemptedAt,
                                 OtpRules rules) {

    public VerifyEmailCommand {
        Require.present(userId, "userId");
        Require.text(otpHash, "otpHash");
        Require.present(attemptedAt, "attemptedAt");
        Require.present(rules, "rules");
    }
}
