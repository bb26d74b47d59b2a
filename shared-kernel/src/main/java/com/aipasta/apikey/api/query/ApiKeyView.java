package com.aipasta.apikey.api.query;

import com.aipasta.apikey.api.value.ApiKeyScope;

import java.time.Instant;
import java.util.Set;

/** An API key as its owner sees it: never the key, only its first characters. */
public record ApiKeyView(String id, String name, String prefix, Set<ApiKeyScope> scopes, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, long version) {
}
