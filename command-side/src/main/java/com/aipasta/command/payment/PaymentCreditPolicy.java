package com.aipasta.command.payment;

import com.aipasta.account.api.value.UserId;
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

import java.time.Instant;

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
        commands.sendAndWait(credit(event.ownerId(), event.orderId(), event.paymentId(), event.tokens(),
                event.paidAt()));
    }

    @EventHandler
    @DisallowReplay
    void on(OrderRefundedEvent event) {
        if (event.tokens() > 0) {
            commands.sendAndWait(revoke(event.ownerId(), event.orderId(), event.refundId(), event.tokens(),
                    event.refundedAt()));
        }
    }

    /** The order id is the credit's source, so every path that credits an order credits it once. */
    static CreditTokensCommand credit(UserId owner, String orderId, String paymentId, long tokens, Instant at) {
        return new CreditTokensCommand(WalletId.of(owner), orderId, tokens, at, paymentId);
    }

    /** The refund id is the revocation's source, so every path that takes a refund back takes it once. */
    static RevokeTokensCommand revoke(UserId owner, String orderId, String refundId, long tokens, Instant at) {
        return new RevokeTokensCommand(WalletId.of(owner), refundId, tokens, "refund of " + orderId, at);
    }
}
