package com.aipasta.apikey.api.value;

import java.util.Locale;

/** What an API key may be used for: chat turns and sessions, the model catalogue, or the tools and plugins. */
public enum ApiKeyScope {
    CHAT, MODELS, TOOLS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
