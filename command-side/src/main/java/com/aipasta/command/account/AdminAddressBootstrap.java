package com.aipasta.command.account;

import com.aipasta.account.api.command.ClaimAdminAddressCommand;
import com.aipasta.command.auth.AuthProperties;
import com.aipasta.command.auth.EmailRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * At start-up, a listed address already held by an account is recorded as that account's, if no account was recorded
 * for it yet: so an administrator who registered before administration was recorded per address keeps the address
 * from whoever registers it after that account is deleted.
 */
@Component
public class AdminAddressBootstrap implements ApplicationRunner {

    private final CommandGateway commands;
    private final EmailRegistry emails;
    private final AuthProperties properties;
    private final Clock clock;

    public AdminAddressBootstrap(CommandGateway commands, EmailRegistry emails, AuthProperties properties,
                                 Clock clock) {
        this.commands = commands;
        this.emails = emails;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        properties.adminEmails().stream().map(AuthProperties::normaliseEmail).filter(email -> !email.isBlank())
                .distinct()
                .forEach(email -> emails.ownerOf(email).ifPresent(holder -> commands.sendAndWait(
                        new ClaimAdminAddressCommand(AdminAddress.idFor(emails.lookupHash(email)), holder, null,
                                clock.instant()))));
    }
}
