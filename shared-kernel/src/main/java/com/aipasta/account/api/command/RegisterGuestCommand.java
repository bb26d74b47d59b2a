package com.aipasta.account.api.command;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Turns a guest into a registered account of the same id, so what the guest did stays theirs. */
public record RegisterGuestCommand(@TargetAggregateIdentifier UserId userId, String email, String name,
                                   String passwordHash, Role role, Instant registeredAt, Instant registerBy) {

    public RegisterGuestCommand {
        Require.present(userId, "userId");
        Require.text(email, "email");
        Require.text(name, "name");
        Require.text(passwordHash, "passwordHash");
        Require.present(role, "role");
        Require.present(registeredAt, "registeredAt");
        Require.present(registerBy, "registerBy");
    }
}
