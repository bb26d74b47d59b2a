package com.aipasta.command.payment;

import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.account.api.query.ExpiredSubscriptions;
import com.aipasta.account.api.query.FindExpiredSubscriptionsQuery;
import com.aipasta.payment.api.event.OrderPaidEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * A paid order of a plan with an upgrade puts its buyer on that plan for the plan's days, from the payment; the
 * buyer goes back to the free plan when they have passed.
 */
@Component
@ProcessingGroup("subscriptions")
public class SubscriptionPolicy {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public SubscriptionPolicy(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(OrderPaidEvent event) {
        if (event.planUpgrade() != null && event.validityDays() != null) {
            commands.sendAndWait(new UpgradeSubscriptionCommand(event.ownerId(), event.planUpgrade(),
                    event.paidAt().plus(Duration.ofDays(event.validityDays())), event.orderId(), event.paidAt()));
        }
    }

    @Scheduled(fixedDelayString = "${aipasta.subscriptions.expiry-check-interval:1m}")
    public void expire() {
        queries.query(new FindExpiredSubscriptionsQuery(clock.instant()), ExpiredSubscriptions.class).join().users()
                .forEach(user -> commands.send(new ExpireSubscriptionCommand(user, clock.instant())));
    }
}
