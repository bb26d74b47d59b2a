package com.aipasta.apikey.api.query;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.value.ApiKeyId;

/** One key of its owner, not revoked; empty otherwise. */
public record FindApiKeyQuery(ApiKeyId keyId, UserId ownerId) {
}
