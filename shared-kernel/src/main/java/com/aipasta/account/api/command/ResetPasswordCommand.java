package com.aipasta.account.api.command;

import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Sets a new password on the proof of a reset token (from a verified reset code) or of the reset code itself, exactly
 * one of them. Answers with an {@code OtpCheck} carrying the new credentials version when it passed.
 */
public record ResetPasswordCommand(@TargetAggregateIdentifier UserId userId, String resetTokenHash, String otpHash,
                                   String passwordHash, Instant resetAt, OtpRules rules) {

    public ResetPasswordCommand {
        Require.present(userId, "userId");
        if ((resetTokenHash == null) == (otpHash == null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give either resetToken or otp",
                    Map.of("resetToken", "give either resetToken or otp"));
        }
        Require.text(passwordHash, "passwordHash");
        Require.present(resetAt, "resetAt");
        Require.present(rules, "rules");
    }
}
