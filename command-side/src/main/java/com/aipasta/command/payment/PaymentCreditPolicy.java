package com.aipasta.command.payment;

import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.wallet.api.command.CreditTokensCommand;
import com.aipasta.wallet.api.command.RevokeTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Credits a paid order's tokens as purchased tokens, and takes a refund's back. The endpoints that confirm a payment credit it at once too;
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

    @EventHandler
    @DisallowReplay
    void on(OrderRefundedEvent event) {
        if (event.tokens() > 0) {
            commands.sendAndWait(revoke(event));
        }
    }

    static RevokeTokensCommand revoke(OrderRefundedEvent event) {
        return new RevokeTokensCommand(WalletId.of(event.ownerId()), event.refundId(), event.tokens(),
                "refund of " + event.orderId(), event.refundedAt());
    }

    static CreditTokensCommand credit(OrderPaidEvent event) {
        return new CreditTokensCommand(WalletId.of(event.ownerId()), event.orderId(), event.tokens(), event.paidAt());
    }
}
