package com.aipasta.wallet.api.query;

import java.util.Locale;

public enum LedgerEntryType {
    FREE_GRANT, SPENT, CREDITED, GRANTED, REFUNDED;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
