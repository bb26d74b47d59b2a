package com.aipasta.wallet.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An administrator adds free tokens; the reason and the administrator are kept in the log. */
public record GrantTokensCommand(@TargetAggregateIdentifier WalletId walletId, long amount, String reason,
                                 UserId grantedBy, Instant grantedAt) {

    public GrantTokensCommand {
        Require.present(walletId, "walletId");
        Require.positive(amount, "amount");
        Require.text(reason, "reason");
        Require.present(grantedBy, "grantedBy");
        Require.present(grantedAt, "grantedAt");
    }
}
