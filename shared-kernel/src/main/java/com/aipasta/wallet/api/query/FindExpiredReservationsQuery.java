package com.aipasta.wallet.api.query;

import java.time.Instant;

/** Reservations still open that were made before {@code reservedBefore}. */
public record FindExpiredReservationsQuery(Instant reservedBefore) {
}
