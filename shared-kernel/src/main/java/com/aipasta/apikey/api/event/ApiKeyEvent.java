package com.aipasta.apikey.api.event;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;

public sealed interface ApiKeyEvent permits ApiKeyCreatedEvent, ApiKeyRevokedEvent, ApiKeyUsedEvent {

    ApiKeyId keyId();

    UserId ownerId();
}
