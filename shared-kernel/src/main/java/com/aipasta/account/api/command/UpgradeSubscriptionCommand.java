package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Puts the user on {@code plan} until {@code validUntil}, or extends the same plan to then if later. */
public record UpgradeSubscriptionCommand(@TargetAggregateIdentifier UserId userId, String plan, Instant validUntil,
                                         String orderId, Instant upgradedAt) {

    public UpgradeSubscriptionCommand {
        Require.present(userId, "userId");
        Require.text(plan, "plan");
        Require.present(validUntil, "validUntil");
        Require.text(orderId, "orderId");
        Require.present(upgradedAt, "upgradedAt");
    }
}
