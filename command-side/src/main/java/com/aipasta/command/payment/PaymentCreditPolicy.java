package com.aipasta.command.payment;

import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.wallet.api.command.CreditTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Credits a paid order's tokens as purchased tokens. The endpoints that confirm a payment credit it at once too;
 * the wallet credits each order id once, so this only matters when a process stopped in between.
 */
@Component
@ProcessingGroup("payment-credit")
public class PaymentCreditPolicy {

    private final CommandGateway commands;

    public PaymentCreditPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(OrderPaidEvent event) {
        commands.sendAndWait(credit(event));
    }

    static CreditTokensCommand credit(OrderPaidEvent event) {
        return new CreditTokensCommand(WalletId.of(event.ownerId()), event.orderId(), event.tokens(), event.paidAt());
    }
}
