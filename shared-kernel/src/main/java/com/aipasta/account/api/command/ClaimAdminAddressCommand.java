package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Claims administration for an address listed in {@code ADMIN_EMAILS} for the account about to register with it.
 * The address is identified by its keyed hash; {@code replacing} names an earlier claimant whose account was never
 * recorded, whose claim may pass to this one.
 */
public record ClaimAdminAddressCommand(@TargetAggregateIdentifier String addressId, UserId userId, UserId replacing,
                                       Instant claimedAt) {

    public ClaimAdminAddressCommand {
        Require.text(addressId, "addressId");
        Require.present(userId, "userId");
        Require.present(claimedAt, "claimedAt");
    }
}
