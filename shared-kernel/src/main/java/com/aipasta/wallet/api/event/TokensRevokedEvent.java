package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code revoked} of the {@code requested} purchased tokens were taken back; the rest is a shortfall. */
@Revision("1")
public record TokensRevokedEvent(WalletId walletId, String sourceId, long requested, long revoked, String reason,
                                 Instant revokedAt) implements WalletEvent {
}
