package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ReleaseReservationCommand(@TargetAggregateIdentifier WalletId walletId, String requestId,
                                        String reason, Instant releasedAt) {

    public ReleaseReservationCommand {
        Require.present(walletId, "walletId");
        Require.text(requestId, "requestId");
        Require.text(reason, "reason");
        Require.present(releasedAt, "releasedAt");
    }
}
