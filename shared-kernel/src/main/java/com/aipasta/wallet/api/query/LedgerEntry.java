package com.aipasta.wallet.api.query;

import java.time.Instant;

/**
 * One movement of the balance. {@code amount} is signed: positive for tokens in, negative for tokens spent.
 * {@code reference} is the request, payment or grant the movement belongs to.
 */
public record LedgerEntry(LedgerEntryType type, long amount, long balanceAfter, String reference, String note,
                          Instant time) {
}
