package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.YearMonth;

/** The free tokens of a period: {@code amount} added (none when the wallet held enough) to reach the free grant. */
@Revision("1")
public record FreeTokensToppedUpEvent(WalletId walletId, YearMonth period, long amount, Instant toppedUpAt)
        implements WalletEvent {
}
