package com.aipasta.account.api.command;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code registerBy} is when the e-mail claim made for it lapses: the account is not recorded after that. */
public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String email, String name,
                                  String passwordHash, Role role, Instant registeredAt,
                                  Instant registerBy) {

    public RegisterUserCommand {
        Require.present(userId, "userId");
        Require.text(email, "email");
        Require.text(name, "name");
        Require.text(passwordHash, "passwordHash");
        Require.present(role, "role");
        Require.present(registeredAt, "registeredAt");
        Require.present(registerBy, "registerBy");
    }
}
