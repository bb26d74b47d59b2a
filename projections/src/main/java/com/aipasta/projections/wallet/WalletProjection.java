package com.aipasta.projections.wallet;

import com.aipasta.projections.ReadModelBatch;
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
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wallet balances and their ledger. A wallet is folded in memory for the length of a batch and written whole once,
 * after the batch's ledger entries, open reservations and requests (see {@link ReadModelBatch}): readers wait for its
 * version before reading the others. It only moves for an event newer than the last one it holds, so redelivering
 * any event, even after a crash between the writes, leaves all of them exactly as one delivery would.
 */
@Component
@ProcessingGroup(WalletProjection.NAME)
public class WalletProjection {

    public static final String NAME = "wallet-balance";
    private static final String WALLET_AGGREGATE_TYPE = "Wallet";
    private static final Consumer<ReadModelBatch> NOTHING_ELSE = batch -> { };

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
        ReadModelBatch batch = batch();
        if (wallet(batch, owner) != null) {
            return;
        }
        batch.save(new LedgerEntryDocument(entryId(event.walletId(), sequence), owner, sequence,
                LedgerEntryType.FREE_GRANT, event.freeTokens(), event.freeTokens(), event.walletId().value(),
                "welcome tokens", event.openedAt()));
        hold(batch, new WalletDocument(owner, event.walletId().value(), event.freeTokens(), 0, 0, 0, sequence,
                event.openedAt()));
    }

    @EventHandler
    void on(TokensReservedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.reservedAt(), Movement.ofReserved(event.amount()), null,
                batch -> batch.save(new OpenReservationDocument(event.requestId(), event.walletId().owner().value(),
                        event.walletId().value(), event.amount(), event.reservedAt())));
    }

    @EventHandler
    void on(ReservationReleasedEvent event, @SequenceNumber long sequence) {
        move(event.walletId(), sequence, event.releasedAt(), Movement.ofReserved(-event.amount()), null,
                batch -> batch.delete(OpenReservationDocument.class, event.requestId()));
    }

    @EventHandler
    void on(ReservationSettledEvent event, @SequenceNumber long sequence) {
        long uncovered = event.usedTokens() - event.charged();
        LedgerLine line = event.charged() == 0 && uncovered == 0 ? null : new LedgerLine(LedgerEntryType.SPENT,
                -event.charged(), event.requestId(),
                uncovered > 0 ? uncovered + " used tokens exceeded the balance" : null);
        move(event.walletId(), sequence, event.settledAt(),
                new Movement(-event.fromFree(), -event.fromPurchased(), event.charged(), -event.reserved()), line,
                batch -> batch.delete(OpenReservationDocument.class, event.requestId()));
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

    /** {@code alongside} writes what else the event changes. */
    private void move(WalletId walletId, long sequence, Instant at, Movement movement, LedgerLine line,
                      Consumer<ReadModelBatch> alongside) {
        String owner = walletId.owner().value();
        ReadModelBatch batch = batch();
        WalletDocument wallet = wallet(batch, owner);
        if (wallet == null || wallet.lastSequence() >= sequence) {
            return;
        }
        if (line != null) {
            long balanceAfter = wallet.balance() + movement.free() + movement.purchased();
            batch.save(new LedgerEntryDocument(entryId(walletId, sequence), owner, sequence, line.type(),
                    line.amount(), balanceAfter, line.reference(), line.note(), at));
        }
        alongside.accept(batch);
        hold(batch, new WalletDocument(owner, wallet.walletId(), wallet.freeTokens() + movement.free(),
                wallet.purchasedTokens() + movement.purchased(), wallet.usedTokens() + movement.used(),
                wallet.reserved() + movement.reserved(), sequence, at));
    }

    private ReadModelBatch batch() {
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.writeLast(WalletDocument.class);
        return batch;
    }

    /** The wallet as this batch has it, or null before it is opened; see {@link ReadModelBatch#remembered}. */
    private WalletDocument wallet(ReadModelBatch batch, String owner) {
        return batch.remembered(WalletDocument.class, owner, WALLET_AGGREGATE_TYPE,
                walletId -> new WalletId(walletId).owner().value(), WalletDocument.class, Function.identity());
    }

    private static void hold(ReadModelBatch batch, WalletDocument wallet) {
        batch.memory(WalletDocument.class).put(wallet.id(), wallet);
        batch.save(wallet);
    }

    private static String entryId(WalletId walletId, long sequence) {
        return walletId.value() + ":" + sequence;
    }
}
