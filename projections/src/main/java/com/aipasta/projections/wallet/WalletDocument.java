package com.aipasta.projections.wallet;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A wallet by its owner's user id. */
@Document(WalletDocument.COLLECTION)
public record WalletDocument(@Id String id, String walletId, long freeTokens, long purchasedTokens, long usedTokens,
                             long reserved, long lastSequence, Instant updatedAt) {

    public static final String COLLECTION = "wallets";

    public long balance() {
        return freeTokens + purchasedTokens;
    }
}
