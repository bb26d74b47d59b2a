package com.aipasta.wallet.api.query;

/** Whether a reservation is still open; answers an empty optional once it was settled or released. */
public record FindReservationQuery(String requestId) {
}
