package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * {@code charged} is what was taken from the balance: the used tokens, capped by what the wallet could cover.
 * It is split into {@code fromFree} and {@code fromPurchased}, free tokens first.
 */
@Revision("1")
public record ReservationSettledEvent(WalletId walletId, String requestId, long reserved, long usedTokens,
                                      long charged, long fromFree, long fromPurchased, Instant settledAt)
        implements WalletEvent {
}
