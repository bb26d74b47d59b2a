package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TokensReservedEvent(WalletId walletId, String requestId, long amount, DailyQuota quota, Instant reservedAt)
        implements WalletEvent {
}
