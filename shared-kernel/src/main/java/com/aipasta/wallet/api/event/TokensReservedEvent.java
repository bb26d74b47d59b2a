package com.aipasta.wallet.api.event;

import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Revision 2 added {@code monthly}, the month's limits the request counted against; revision 1 events read null. */
@Revision("2")
public record TokensReservedEvent(WalletId walletId, String requestId, long amount, DailyQuota quota,
                                  Instant reservedAt, MonthlyQuota monthly)
        implements WalletEvent {

    public TokensReservedEvent(WalletId walletId, String requestId, long amount, DailyQuota quota,
                               Instant reservedAt) {
        this(walletId, requestId, amount, quota, reservedAt, null);
    }
}
