package com.aipasta.payment.api.command;

import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The gateway refunded {@code amount} (smallest currency unit) of the order's payment. */
public record RefundOrderCommand(@TargetAggregateIdentifier String orderId, String refundId, long amount,
                                 Instant refundedAt) {

    public RefundOrderCommand {
        Require.text(orderId, "orderId");
        Require.text(refundId, "refundId");
        Require.positive(amount, "amount");
        Require.present(refundedAt, "refundedAt");
    }
}
