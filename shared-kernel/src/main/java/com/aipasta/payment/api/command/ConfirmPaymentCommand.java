package com.aipasta.payment.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A payment for the order was proven (a verified checkout signature or a signed webhook). {@code amount} and
 * {@code currency} are what the proof states, or null when it states none; {@code payer}, when known, must own
 * the order.
 */
public record ConfirmPaymentCommand(@TargetAggregateIdentifier String orderId, UserId payer, String paymentId,
                                    Long amount, String currency, String source, Instant confirmedAt) {

    public ConfirmPaymentCommand {
        Require.text(orderId, "orderId");
        Require.text(paymentId, "paymentId");
        Require.text(source, "source");
        Require.present(confirmedAt, "confirmedAt");
    }
}
