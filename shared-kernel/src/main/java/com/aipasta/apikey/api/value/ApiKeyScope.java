package com.aipasta.apikey.api.value;

import java.util.Locale;

/** What an API key may be used for: chat turns and sessions, or the model catalogue. */
public enum ApiKeyScope {
    CHAT, MODELS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
