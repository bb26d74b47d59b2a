package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Charges what the request actually used and frees the rest of its reservation. */
public record SettleReservationCommand(@TargetAggregateIdentifier WalletId walletId, String requestId,
                                       long usedTokens, Instant settledAt) {

    public SettleReservationCommand {
        Require.present(walletId, "walletId");
        Require.text(requestId, "requestId");
        Require.notNegative(usedTokens, "usedTokens");
        Require.present(settledAt, "settledAt");
    }
}
