package com.aipasta.account.api.value;

import java.util.Locale;

public enum Role {
    USER, PREMIUM, ADMIN;

    /** The lower-case name used on the wire and in tokens. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
