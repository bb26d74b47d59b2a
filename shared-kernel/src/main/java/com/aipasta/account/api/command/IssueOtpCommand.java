package com.aipasta.account.api.command;

import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.OtpRules;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A new code for {@code purpose} replaces any earlier one; only its keyed hash reaches the account. */
public record IssueOtpCommand(@TargetAggregateIdentifier UserId userId, OtpPurpose purpose, String otpHash,
                              Instant issuedAt, OtpRules rules) {

    public IssueOtpCommand {
        Require.present(userId, "userId");
        Require.present(purpose, "purpose");
        Require.text(otpHash, "otpHash");
        Require.present(issuedAt, "issuedAt");
        Require.present(rules, "rules");
    }
}
