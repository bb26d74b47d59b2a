package com.aipasta.wallet.api.command;

import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Holds {@code amount} of the spendable balance for the request until it is settled or released; with a
 * {@code quota} (may be null) the request also counts against that tier's daily limit, with a {@code monthly} quota
 * (may be null) against the month's requests and tokens.
 */
public record ReserveTokensCommand(@TargetAggregateIdentifier WalletId walletId, String requestId, long amount,
                                   DailyQuota quota, MonthlyQuota monthly, Instant reservedAt) {

    public ReserveTokensCommand(WalletId walletId, String requestId, long amount, DailyQuota quota,
                                Instant reservedAt) {
        this(walletId, requestId, amount, quota, null, reservedAt);
    }

    public ReserveTokensCommand {
        Require.present(walletId, "walletId");
        Require.text(requestId, "requestId");
        Require.positive(amount, "amount");
        Require.present(reservedAt, "reservedAt");
    }
}
