package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account that administration for an {@code ADMIN_EMAILS} address (by its keyed hash) belongs to. */
@Revision("1")
public record AdminAddressClaimedEvent(String addressId, UserId userId, Instant claimedAt)
        implements AdminAddressEvent {
}
