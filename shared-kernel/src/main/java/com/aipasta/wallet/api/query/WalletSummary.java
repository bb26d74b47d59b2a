package com.aipasta.wallet.api.query;

/** {@code balance} is free plus purchased tokens; {@code reserved} of it is held for requests in flight. */
public record WalletSummary(long balance, long freeTokens, long purchasedTokens, long usedTokens, long reserved) {
}
