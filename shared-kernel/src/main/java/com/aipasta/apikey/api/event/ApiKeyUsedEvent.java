package com.aipasta.apikey.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Recorded at most about once a minute per key, so a busy key does not fill the log. */
@Revision("1")
public record ApiKeyUsedEvent(ApiKeyId keyId, UserId ownerId, Instant usedAt) implements ApiKeyEvent {
}
