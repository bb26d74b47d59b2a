package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Overrides the daily request limit of the user's plan; a null limit returns the user to the plan's own. */
public record ChangeDailyLimitCommand(@TargetAggregateIdentifier UserId userId, Integer dailyRequestLimit,
                                      UserId changedBy, Instant changedAt) {

    public ChangeDailyLimitCommand {
        Require.present(userId, "userId");
        if (dailyRequestLimit != null) {
            Require.notNegative(dailyRequestLimit, "dailyRequestLimit");
        }
        Require.present(changedBy, "changedBy");
        Require.present(changedAt, "changedAt");
    }
}
