package com.aipasta.command.auth;

import com.aipasta.account.api.command.ClaimAdminAddressCommand;
import com.aipasta.account.api.command.RegisterGuestCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.account.AdminAddress;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an account for an e-mail address: claims the address, makes its first registrant an administrator when it
 * is listed, records the account (a new one, or a guest's under the guest's id) and confirms the claim, releasing it
 * when the account could not be recorded.
 */
@Component
public class AccountRegistration {

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final AuthProperties properties;
    private final Clock clock;

    public AccountRegistration(CommandGateway commands, EmailRegistry emails, AuthProperties properties, Clock clock) {
        this.commands = commands;
        this.emails = emails;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code guest} is the guest registering, or null for a new account. */
    public UserId register(String normalisedEmail, String name, String passwordHash, UserId guest) {
        UserId userId = guest != null ? guest : new UserId(UUID.randomUUID().toString());
        Instant now = clock.instant();
        EmailRegistry.Claim claim = emails.claim(normalisedEmail, userId, now);
        boolean administrator = false;
        try {
            administrator = properties.isAdminEmail(normalisedEmail) && commands.<Boolean>sendAndWait(
                    new ClaimAdminAddressCommand(AdminAddress.idFor(emails.lookupHash(normalisedEmail)), userId,
                            claim.replaced().orElse(null), now));
            Role role = administrator ? Role.ADMIN : Role.USER;
            commands.sendAndWait(guest != null
                    ? new RegisterGuestCommand(userId, normalisedEmail, name, passwordHash, role, now,
                    claim.registerBy())
                    : new RegisterUserCommand(userId, normalisedEmail, name, passwordHash, role, now,
                    claim.registerBy()));
        } catch (RuntimeException e) {
            if (!administrator) {
                emails.release(normalisedEmail, userId);
            }
            throw e;
        }
        emails.confirm(normalisedEmail, userId);
        return userId;
    }
}
