package com.aipasta.payment.api.command;

import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The gateway reported a failed payment; a paid order stays paid. */
public record FailOrderCommand(@TargetAggregateIdentifier String orderId, String paymentId, String reason,
                               Instant failedAt) {

    public FailOrderCommand {
        Require.text(orderId, "orderId");
        Require.present(failedAt, "failedAt");
    }
}
