package com.aipasta.wallet.api.value;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

/** One wallet per user; its id is derived from the owner's so it never collides with the account's stream. */
public record WalletId(String value) {

    private static final String PREFIX = "wallet-";

    public WalletId {
        Require.text(value, "walletId");
    }

    public static WalletId of(UserId owner) {
        return new WalletId(PREFIX + owner.value());
    }

    public UserId owner() {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a wallet id: " + value);
        }
        return new UserId(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return value;
    }
}
