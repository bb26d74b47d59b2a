package com.aipasta.ops.audit;

import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.FreeTokensToppedUpEvent;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.TokensRevokedEvent;
import com.aipasta.wallet.api.event.WalletEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.query.LedgerEntryType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A wallet folded from its own events alone, independently of the wallet projection, so the two can be compared:
 * the balance after each event, and the ledger line of each event that moves the balance.
 */
public final class WalletHistory {

    public record Line(long sequence, Instant time, LedgerEntryType type, long amount, long balanceAfter,
                       String reference) {
    }

    public record Balance(long balance, long freeTokens, long purchasedTokens, long usedTokens, long reserved,
                          long lastSequence) {
    }

    private long free;
    private long purchased;
    private long used;
    private long reserved;
    private long lastSequence = -1;
    private final List<Line> ledger = new ArrayList<>();

    public void apply(WalletEvent event, long sequence, Instant time) {
        lastSequence = sequence;
        if (event instanceof WalletOpenedEvent opened) {
            free += opened.freeTokens();
            line(sequence, time, LedgerEntryType.FREE_GRANT, opened.freeTokens(), opened.walletId().value());
        } else if (event instanceof TokensReservedEvent reservation) {
            reserved += reservation.amount();
        } else if (event instanceof ReservationReleasedEvent release) {
            reserved -= release.amount();
        } else if (event instanceof ReservationSettledEvent settled) {
            free -= settled.fromFree();
            purchased -= settled.fromPurchased();
            used += settled.charged();
            reserved -= settled.reserved();
            if (settled.charged() != 0 || settled.usedTokens() != settled.charged()) {
                line(sequence, time, LedgerEntryType.SPENT, -settled.charged(), settled.requestId());
            }
        } else if (event instanceof TokensCreditedEvent credit) {
            purchased += credit.amount();
            line(sequence, time, LedgerEntryType.CREDITED, credit.amount(), credit.sourceId());
        } else if (event instanceof TokensGrantedEvent grant) {
            free += grant.amount();
            line(sequence, time, LedgerEntryType.GRANTED, grant.amount(), "admin:" + grant.grantedBy().value());
        } else if (event instanceof FreeTokensToppedUpEvent topUp) {
            free += topUp.amount();
            if (topUp.amount() != 0) {
                line(sequence, time, LedgerEntryType.FREE_GRANT, topUp.amount(), topUp.walletId().value());
            }
        } else if (event instanceof TokensRevokedEvent revocation) {
            purchased -= revocation.revoked();
            line(sequence, time, LedgerEntryType.REFUNDED, -revocation.revoked(), revocation.sourceId());
        }
    }

    public Balance balance() {
        return new Balance(free + purchased, free, purchased, used, reserved, lastSequence);
    }

    public List<Line> ledger() {
        return List.copyOf(ledger);
    }

    private void line(long sequence, Instant time, LedgerEntryType type, long amount, String reference) {
        ledger.add(new Line(sequence, time, type, amount, free + purchased, reference));
    }
}
