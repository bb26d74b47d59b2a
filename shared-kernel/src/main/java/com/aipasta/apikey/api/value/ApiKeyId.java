package com.aipasta.apikey.api.value;

import com.aipasta.common.Require;

/** The id of an API key; it is also the first part of the key itself, so a presented key names its own record. */
public record ApiKeyId(String value) {

    public static final String PREFIX = "apikey-";

    public ApiKeyId {
        Require.text(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
