package com.aipasta.command.wallet;

/** How a settlement is charged against a wallet: pure arithmetic, kept apart from the aggregate. */
public final class SpendingPolicy {

    private SpendingPolicy() {
    }

    public record Charge(long charged, long fromFree, long fromPurchased) {
    }

    /**
     * Charges {@code used} tokens for a request that held {@code reservation} of the {@code reservedTotal}.
     * Usage beyond the reservation is taken from what no other reservation holds, never below zero, and
     * free tokens are spent before purchased ones.
     */
    public static Charge settle(long freeTokens, long purchasedTokens, long reservedTotal, long reservation, long used) {
        long coverable = reservation + spendable(freeTokens, purchasedTokens, reservedTotal);
        long charged = Math.min(used, coverable);
        long fromFree = Math.min(charged, freeTokens);
        return new Charge(charged, fromFree, charged - fromFree);
    }

    public static long spendable(long freeTokens, long purchasedTokens, long reservedTotal) {
        return Math.max(0, freeTokens + purchasedTokens - reservedTotal);
    }
}
