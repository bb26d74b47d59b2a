package com.aipasta.command.account;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = "aggregateCache")
public class UserAccount {

    @AggregateIdentifier
    private UserId userId;
    private int credentialsVersion;

    protected UserAccount() {
    }

    @CommandHandler
    public UserAccount(RegisterUserCommand command) {
        apply(new UserRegisteredEvent(command.userId(), command.email(), command.name(), command.passwordHash(),
                command.role(), command.registeredAt()));
    }

    /** Answers with the new credentials version; tokens of older versions are refused from then on. */
    @CommandHandler
    public int handle(ChangePasswordCommand command) {
        apply(new PasswordChangedEvent(userId, command.passwordHash(), credentialsVersion + 1, command.changedAt()));
        return credentialsVersion;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        credentialsVersion = 0;
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        credentialsVersion = event.credentialsVersion();
    }
}
