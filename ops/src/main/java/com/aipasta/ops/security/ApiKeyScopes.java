package com.aipasta.ops.security;

import com.aipasta.apikey.api.value.ApiKeyScope;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scopes each path needs; everything else (keys, passwords, the account, administration) stays shut. Sending a
 * plugin into a session needs {@code chat} besides {@code tools}: it writes into the conversation and may start a
 * turn paid from the wallet.
 */
final class ApiKeyScopes {

    private static final Pattern PLUGIN_SEND = Pattern.compile("/api/plugins/[^/]+/[^/]+/send");

    private ApiKeyScopes() {
    }

    static boolean allow(Set<ApiKeyScope> scopes, String path) {
        Set<ApiKeyScope> needed = needed(path);
        return !needed.isEmpty() && scopes.containsAll(needed);
    }

    private static Set<ApiKeyScope> needed(String path) {
        if (under(path, "/api/chat")) {
            return EnumSet.of(ApiKeyScope.CHAT);
        }
        if (under(path, "/api/models")) {
            return EnumSet.of(ApiKeyScope.MODELS);
        }
        if (PLUGIN_SEND.matcher(path).matches()) {
            return EnumSet.of(ApiKeyScope.TOOLS, ApiKeyScope.CHAT);
        }
        if (under(path, "/api/tools") || under(path, "/api/plugins")) {
            return EnumSet.of(ApiKeyScope.TOOLS);
        }
        return EnumSet.noneOf(ApiKeyScope.class);
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
