package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.YearMonth;

/**
 * Tops the wallet's free tokens back up to {@code freeTokens} for {@code period}, once: a wallet already topped up
 * for that period or a later one, or opened in it, records nothing.
 */
public record TopUpFreeTokensCommand(@TargetAggregateIdentifier WalletId walletId, YearMonth period,
                                     long freeTokens, Instant toppedUpAt) {

    public TopUpFreeTokensCommand {
        Require.present(walletId, "walletId");
        Require.present(period, "period");
        Require.notNegative(freeTokens, "freeTokens");
        Require.present(toppedUpAt, "toppedUpAt");
    }
}
