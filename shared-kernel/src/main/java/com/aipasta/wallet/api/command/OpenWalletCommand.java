package com.aipasta.wallet.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record OpenWalletCommand(@TargetAggregateIdentifier WalletId walletId, UserId ownerId,
                                long freeTokens, Instant openedAt) {

    public OpenWalletCommand {
        Require.present(walletId, "walletId");
        Require.present(ownerId, "ownerId");
        Require.notNegative(freeTokens, "freeTokens");
        Require.present(openedAt, "openedAt");
    }
}
