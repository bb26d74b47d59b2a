package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Takes back purchased tokens (a refund): as many as the purchased balance holds without touching what is
 * reserved; what cannot be taken is recorded as a shortfall. A second revocation from the same source is a no-op.
 */
public record RevokeTokensCommand(@TargetAggregateIdentifier WalletId walletId, String sourceId, long tokens,
                                  String reason, Instant revokedAt) {

    public RevokeTokensCommand {
        Require.present(walletId, "walletId");
        Require.text(sourceId, "sourceId");
        Require.positive(tokens, "tokens");
        Require.text(reason, "reason");
        Require.present(revokedAt, "revokedAt");
    }
}
