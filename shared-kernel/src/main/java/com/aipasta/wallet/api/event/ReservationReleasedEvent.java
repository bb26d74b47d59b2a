package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ReservationReleasedEvent(WalletId walletId, String requestId, long amount, String reason,
                                       Instant releasedAt) implements WalletEvent {
}
