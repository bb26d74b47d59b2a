package com.aipasta.command.payment;

import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.command.UpgradeSubscriptionCommand;
import com.aipasta.payment.api.event.OrderPaidEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A paid order of a plan with an upgrade puts its buyer on that plan for the plan's days, from the payment; the
 * buyer goes back to the free plan when they have passed, as {@link SubscriptionEnds} knows from the events.
 */
@Component
@ProcessingGroup("subscriptions")
public class SubscriptionPolicy {

    private final CommandGateway commands;
    private final SubscriptionEnds ends;
    private final Clock clock;

    public SubscriptionPolicy(CommandGateway commands, SubscriptionEnds ends, Clock clock) {
        this.commands = commands;
        this.ends = ends;
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
        Instant now = clock.instant();
        ends.endedBy(now).forEach(user -> commands.send(new ExpireSubscriptionCommand(user, now)));
    }
}
