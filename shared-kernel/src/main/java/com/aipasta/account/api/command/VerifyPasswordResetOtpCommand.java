package com.aipasta.account.api.command;

import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Answers with an {@code OtpCheck}; a right code grants the reset token whose hash this carries, until the code's
 * lifetime has passed again.
 */
public record VerifyPasswordResetOtpCommand(@TargetAggregateIdentifier UserId userId, String otpHash,
                                            String resetTokenHash, Instant attemptedAt, OtpRules rules) {

    public VerifyPasswordResetOtpCommand {
        Require.present(userId, "userId");
        Require.text(otpHash, "otpHash");
        Require.text(resetTokenHash, "resetTokenHash");
        Require.present(attemptedAt, "attemptedAt");
        Require.present(rules, "rules");
    }
}
