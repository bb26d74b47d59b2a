package com.aipasta.wallet.api.command;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.Require;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.RequestedReservation;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reserves every one of {@code reservations} or none: the balance, each tier's daily quota and the month's limits
 * ({@code monthly}, may be null) must cover all of them together, as for the answers of one comparison.
 */
public record ReserveTokensTogetherCommand(@TargetAggregateIdentifier WalletId walletId,
                                           List<RequestedReservation> reservations, MonthlyQuota monthly,
                                           Instant reservedAt) {

    public ReserveTokensTogetherCommand {
        Require.present(walletId, "walletId");
        Require.present(reservations, "reservations");
        Require.present(reservedAt, "reservedAt");
        reservations = List.copyOf(reservations);
        if (reservations.isEmpty() || reservations.stream().map(RequestedReservation::requestId).distinct().count()
                != reservations.size()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "reservations must be distinct requests",
                    Map.of("reservations", "must be one or more distinct requests"));
        }
    }

    public long total() {
        return reservations.stream().mapToLong(RequestedReservation::amount).sum();
    }
}
