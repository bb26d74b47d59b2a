package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Returns the user to the free plan once the subscription's end has passed; before that it changes nothing. */
public record ExpireSubscriptionCommand(@TargetAggregateIdentifier UserId userId, Instant now) {

    public ExpireSubscriptionCommand {
        Require.present(userId, "userId");
        Require.present(now, "now");
    }
}
