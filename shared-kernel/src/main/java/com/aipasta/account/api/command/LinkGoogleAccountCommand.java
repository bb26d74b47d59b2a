package com.aipasta.account.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record LinkGoogleAccountCommand(@TargetAggregateIdentifier UserId userId, String googleSubject,
                                       Instant linkedAt) {

    public LinkGoogleAccountCommand {
        Require.present(userId, "userId");
        Require.text(googleSubject, "googleSubject");
        Require.present(linkedAt, "linkedAt");
    }
}
