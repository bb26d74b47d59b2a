package com.aipasta.projections.wallet;

import com.aipasta.wallet.api.query.LedgerEntryType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One balance movement; its id is the wallet id and the event's sequence number, so a redelivery overwrites it. */
@Document(LedgerEntryDocument.COLLECTION)
@CompoundIndex(name = "owner_sequence", def = "{'ownerId': 1, 'sequence': -1}")
public record LedgerEntryDocument(@Id String id, String ownerId, long sequence, LedgerEntryType type, long amount,
                                  long balanceAfter, String reference, String note, Instant time) {

    public static final String COLLECTION = "wallet_ledger";
}
