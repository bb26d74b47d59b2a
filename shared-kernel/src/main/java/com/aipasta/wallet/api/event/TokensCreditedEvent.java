package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TokensCreditedEvent(WalletId walletId, String sourceId, long amount, Instant creditedAt)
        implements WalletEvent {
}
