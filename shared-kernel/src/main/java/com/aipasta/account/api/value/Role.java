package com.aipasta.account.api.value;

import java.util.Locale;

public enum Role {
    USER, PREMIUM, ADMIN,
    /** A trial account with no e-mail: free models only, a few messages, gone after a day. */
    GUEST;

    /** The lower-case name used on the wire and in tokens. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
