package com.aipasta.wallet.api.query;

import java.time.Instant;

public record OpenReservation(String requestId, long amount, Instant reservedAt) {
}
