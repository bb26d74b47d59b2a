package com.aipasta.payment.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records an order created at the payment gateway, under the gateway's order id. */
public record CreateOrderCommand(@TargetAggregateIdentifier String orderId, UserId ownerId, String planId,
                                 long tokens, long amount, String currency, String planUpgrade,
                                 Integer validityDays, Instant createdAt) {

    public CreateOrderCommand {
        Require.text(orderId, "orderId");
        Require.present(ownerId, "ownerId");
        Require.text(planId, "planId");
        Require.positive(tokens, "tokens");
        Require.positive(amount, "amount");
        Require.text(currency, "currency");
        Require.present(createdAt, "createdAt");
    }
}
