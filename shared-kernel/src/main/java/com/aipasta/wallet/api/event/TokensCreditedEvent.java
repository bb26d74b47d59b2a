package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Revision 2 added {@code paymentId}, the gateway's payment; revision 1 events read it as null. */
@Revision("2")
public record TokensCreditedEvent(WalletId walletId, String sourceId, long amount, Instant creditedAt,
                                  String paymentId)
        implements WalletEvent {
}
