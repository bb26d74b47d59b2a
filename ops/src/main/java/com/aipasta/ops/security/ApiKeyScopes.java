package com.aipasta.ops.security;

import com.aipasta.apikey.api.value.ApiKeyScope;

import java.util.Map;
import java.util.Set;

/** The paths each API key scope opens; everything else (keys, passwords, the account, administration) stays shut. */
final class ApiKeyScopes {

    private static final Map<ApiKeyScope, String> ROOTS = Map.of(
            ApiKeyScope.CHAT, "/api/chat",
            ApiKeyScope.MODELS, "/api/models");

    private ApiKeyScopes() {
    }

    static boolean allow(Set<ApiKeyScope> scopes, String path) {
        return scopes.stream().map(ROOTS::get)
                .anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }
}
