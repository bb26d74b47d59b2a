package com.aipasta.projections.wallet;

import com.aipasta.wallet.api.event.FreeTokensToppedUpEvent;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.TokensRevokedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.query.LedgerEntryType;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Wallet balances and their ledger. A ledger entry is written before the balance it follows from is updated,
 * and the balance only moves for an event newer than the last one it holds, so redelivering any event,
 * even after a crash between the two writes, leaves both exactly as one delivery would. The wallet is the last read
 * model of its processing group written for each event, since readers wait for its version before reading the others.
 */
@Component
@ProcessingGroup(WalletProjection.NAME)
public class WalletProjection {

    public static final String NAME = "wallet-balance";
    private static final Runnable NOTHING_ELSE = () -> { };

    private record Movement(long free, long purchased, long used, long reserved) {
        static Movement ofReserved(long reserved) {
            return new Movement(0, 0, 0, reserved);
        }
    }

    private record LedgerLine(LedgerEntryType type, long amount, String reference, String note) {
    }

    private final MongoTemplate mongo;

    public WalletProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(WalletOpenedEvent event, @SequenceNumber long sequence) {
        String owner = event.ownerId().value();
        mongo.save(new LedgerEntryDocument(entryId(event.walletId(), sequence), owner, sequence,
                LedgerEntryType.FREE_GRANT, event.freeTokens(), event.freeTokens(), event.walletId().value(),
                "welcome tokens", event.openedAt()));
        mongo.upsert(Query.query(Criteria.where("_id").is(owner)), new Update()
                        .setOnInsert("walletId", event.walletId().value())
                        .setOnInsert("freeTokens", event.freeTokens())
                        .setOnInsert("purchasedTokens", 0L)
                        .setOnInsert("usedTokens", 0L)
                        .setOnInsert("reserved", 0L)
                        .setOnInsert("lastSequence", sequence)
                        .setOnInsert("updatedAt", event.openedAt()),
                WalletDocument.class);
    }

    @EventHandler
    void on(TokensReservedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.reservedAt(), Movement.ofReserved(event.amount()), null,
                () -> mongo.save(new OpenReservationDocument(event.requestId(), event.walletId().owner().value(),
                        event.walletId().value(), event.amount(), event.reservedAt())));
    }

    @EventHandler
    void on(ReservationReleasedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.releasedAt(), Movement.ofReserved(-event.amount()), null,
                () -> closeReservation(event.requestId()));
    }

    @EventHandler
    void on(ReservationSettledEvent event, @SequenceNumber long sequence) {
        long uncovered = event.usedTokens() - event.charged();
        LedgerLine line = event.charged() == 0 && uncovered == 0 ? null : new LedgerLine(LedgerEntryType.SPENT,
                -event.charged(), event.requestId(),
                uncovered > 0 ? uncovered + " used tokens exceeded the balance" : null);
        move(event.walletId(), sequence, event.settledAt(),
                new Movement(-event.fromFree(), -event.fromPurchased(), event.charged(), -event.reserved()), line,
                () -> closeReservation(event.requestId()));
    }

    @EventHandler
    void on(TokensCreditedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.creditedAt(), new Movement(0, event.amount(), 0, 0),
                new LedgerLine(LedgerEntryType.CREDITED, event.amount(), event.sourceId(),
                        event.paymentId() == null ? null : "payment " + event.paymentId()), NOTHING_ELSE);
    }

    @EventHandler
    void on(TokensGrantedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.grantedAt(), new Movement(event.amount(), 0, 0, 0),
                new LedgerLine(LedgerEntryType.GRANTED, event.amount(), "admin:" + event.grantedBy().value(),
                        event.reason()), NOTHING_ELSE);
    }

    @EventHandler
    void on(FreeTokensToppedUpEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.toppedUpAt(), new Movement(event.amount(), 0, 0, 0),
                event.amount() == 0 ? null : new LedgerLine(LedgerEntryType.FREE_GRANT, event.amount(),
                        event.walletId().value(), "free tokens of " + event.period()), NOTHING_ELSE);
    }

    @EventHandler
    void on(TokensRevokedEvent event, @SequenceNumber long sequence) {
        long shortfall = event.requested() - event.revoked();
        move(event.walletId(), sequence, event.revokedAt(), new Movement(0, -event.revoked(), 0, 0),
                new LedgerLine(LedgerEntryType.REFUNDED, -event.revoked(), event.sourceId(),
                        shortfall > 0 ? event.reason() + "; " + shortfall + " tokens could not be taken back"
                                : event.reason()), NOTHING_ELSE);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), LedgerEntryDocument.class);
        mongo.remove(new Query(), WalletDocument.class);
        mongo.remove(new Query(), OpenReservationDocument.class);
    }

    private void closeReservation(String requestId) {
        mongo.remove(Query.query(Criteria.where("_id").is(requestId)), OpenReservationDocument.class);
    }

    /** {@code alongside} writes what else the event changes, before the wallet records the event as folded. */
    private void move(WalletId walletId, long sequence, Instant at, Movement movement, LedgerLine line,
                      Runnable alongside) {
        String owner = walletId.owner().value();
        WalletDocument wallet = mongo.findById(owner, WalletDocument.class);
        if (wallet == null || wallet.lastSequence() >= sequence) {
            return;
        }
        if (line != null) {
            long balanceAfter = wallet.balance() + movement.free() + movement.purchased();
            mongo.save(new LedgerEntryDocument(entryId(walletId, sequence), owner, sequence, line.type(),
                    line.amount(), balanceAfter, line.reference(), line.note(), at));
        }
        alongside.run();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(owner).and("lastSequence").lt(sequence)),
                new Update().inc("freeTokens", movement.free())
                        .inc("purchasedTokens", movement.purchased())
                        .inc("usedTokens", movement.used())
                        .inc("reserved", movement.reserved())
                        .set("lastSequence", sequence)
                        .set("updatedAt", at),
                WalletDocument.class);
    }

    private static String entryId(WalletId walletId, long sequence) {
        return walletId.value() + ":" + sequence;
    }
}
