package com.aipasta.projections.wallet;

import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A reservation not yet settled or released, by its request id; small, so a timeout sweep reads it cheaply. */
@Document(OpenReservationDocument.COLLECTION)
public record OpenReservationDocument(@Id String id, String ownerId, String walletId, long amount,
                                      @Indexed Instant reservedAt) {

    public static final String COLLECTION = "open_reservations";
}
