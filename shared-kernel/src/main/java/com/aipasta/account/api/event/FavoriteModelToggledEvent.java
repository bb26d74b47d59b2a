package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code favorite} says whether the model is a favorite after the toggle. */
@Revision("1")
public record FavoriteModelToggledEvent(UserId userId, String modelId, boolean favorite, Instant toggledAt)
        implements UserAccountEvent {
}
