package com.aipasta.wallet.api.value;

/**
 * A wallet as its aggregate holds it after a command: {@code version} is the sequence number of its last event, and
 * the balance is {@code freeTokens + purchasedTokens}, of which {@code reserved} is held for requests in flight.
 */
public record WalletBalance(long version, long freeTokens, long purchasedTokens, long usedTokens, long reserved) {

    public long balance() {
        return freeTokens + purchasedTokens;
    }
}
