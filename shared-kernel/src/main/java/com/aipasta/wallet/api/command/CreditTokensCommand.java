package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds purchased tokens; a second credit from the same source is a no-op. {@code paymentId} may be null. */
public record CreditTokensCommand(@TargetAggregateIdentifier WalletId walletId, String sourceId, long amount,
                                  Instant creditedAt, String paymentId) {

    public CreditTokensCommand {
        Require.present(walletId, "walletId");
        Require.text(sourceId, "sourceId");
        Require.positive(amount, "amount");
        Require.present(creditedAt, "creditedAt");
    }
}
