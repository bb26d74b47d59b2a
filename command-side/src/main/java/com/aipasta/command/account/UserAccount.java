package com.aipasta.command.account;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.event.PasswordChangedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = "aggregateCache")
public class UserAccount {

    @AggregateIdentifier
    private UserId userId;
    private int credentialsVersion;
    private String plan;
    private Instant planValidUntil;

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

    /** A later end extends the subscription; an earlier one (an older order arriving late) changes nothing. */
    @CommandHandler
    public void handle(UpgradeSubscriptionCommand command) {
        if (command.plan().equals(plan) && !command.validUntil().isAfter(planValidUntil)) {
            return;
        }
        apply(new SubscriptionUpgradedEvent(userId, command.plan(), command.validUntil(), command.orderId(),
                command.upgradedAt()));
    }

    @CommandHandler
    public void handle(ExpireSubscriptionCommand command) {
        if (planValidUntil != null && !command.now().isBefore(planValidUntil)) {
            apply(new SubscriptionExpiredEvent(userId, plan, command.now()));
        }
    }

    @EventSourcingHandler
    void on(SubscriptionUpgradedEvent event) {
        plan = event.plan();
        planValidUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(SubscriptionExpiredEvent event) {
        plan = null;
        planValidUntil = null;
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
