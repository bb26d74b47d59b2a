package com.aipasta.ops.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.http.ReadModels;
import com.aipasta.ops.audit.WalletEvents;
import com.aipasta.ops.audit.WalletHistory;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.PlatformTest;
import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.query.LedgerEntryType;
import com.aipasta.wallet.api.query.WalletView;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads reserve (and then spend) from one wallet at once through the command gateway, on the embedded
 * Mongo event store: no token is lost or spent twice, the balance never goes below zero, and the projection
 * and its ledger agree with the events.
 */
class WalletConcurrencyTest extends PlatformTest {

    private static final int RESERVATIONS = 1_000;
    private static final int THREADS = 16;

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    ReadModels readModels;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    WalletEvents walletEvents;

    @Test
    void concurrentReservationsNeverOverspendAndEveryTokenIsAccountedFor() throws Exception {
        UserId owner = new UserId(register().id());
        WalletId wallet = WalletId.of(owner);
        Random sizes = new Random(42);
        List<Callable<Long>> requests = new ArrayList<>();
        for (int i = 0; i < RESERVATIONS; i++) {
            long amount = 1 + sizes.nextInt(40);
            requests.add(() -> reserveAndSpend(wallet, amount));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Long> accepted = new ArrayList<>();
        int rejected = 0;
        try {
            for (Future<Long> outcome : pool.invokeAll(requests)) {
                long amount = outcome.get();
                if (amount > 0) {
                    accepted.add(amount);
                } else {
                    rejected++;
                }
            }
        } finally {
            pool.shutdownNow();
        }

        long spent = accepted.stream().mapToLong(Long::longValue).sum();
        assertThat(accepted.size() + rejected).isEqualTo(RESERVATIONS);
        assertThat(rejected).as("the wallet cannot cover every request").isPositive();
        assertThat(spent).isLessThanOrEqualTo(10_000);

        EventFold fold = foldEvents(wallet);
        assertThat(fold.balance).isEqualTo(10_000 - spent);
        assertThat(fold.lowestSpendable).isGreaterThanOrEqualTo(0);
        assertThat(fold.reserved).isZero();

        WalletHistory.Balance audited = walletEvents.history(wallet).balance();
        assertThat(audited.balance()).as("the audit folds the whole history, not a snapshot")
                .isEqualTo(10_000 - spent);
        assertThat(audited.usedTokens()).isEqualTo(spent);
        assertThat(audited.reserved()).isZero();

        WalletView projected = readModels.awaitWallet(owner, fold.lastSequence);
        assertThat(projected.tokens().balance()).isEqualTo(10_000 - spent);
        assertThat(projected.tokens().usedTokens()).isEqualTo(spent);
        assertThat(projected.tokens().reserved()).isZero();

        List<LedgerEntryDocument> ledger = mongo.find(Query.query(Criteria.where("ownerId").is(owner.value())),
                LedgerEntryDocument.class);
        assertThat(ledger).filteredOn(entry -> entry.type() == LedgerEntryType.SPENT).hasSize(accepted.size());
        assertThat(ledger.stream().mapToLong(LedgerEntryDocument::amount).sum()).isEqualTo(10_000 - spent);
        assertThat(ledger).allSatisfy(entry -> assertThat(entry.balanceAfter()).isGreaterThanOrEqualTo(0));
        assertThat(ledger.stream().max((a, b) -> Long.compare(a.sequence(), b.sequence())).orElseThrow()
                .balanceAfter()).isEqualTo(10_000 - spent);
    }

    /** Answers the amount spent, or 0 when the reservation was refused for want of tokens. */
    private long reserveAndSpend(WalletId wallet, long amount) {
        String request = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new ReserveTokensCommand(wallet, request, amount, null, Instant.now()));
        } catch (DomainException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_TOKENS);
            return 0;
        }
        commands.sendAndWait(new SettleReservationCommand(wallet, request, amount, Instant.now()));
        return amount;
    }

    private static final class EventFold {
        long balance;
        long reserved;
        long lowestSpendable = Long.MAX_VALUE;
        long lastSequence;
    }

    private EventFold foldEvents(WalletId wallet) {
        EventFold fold = new EventFold();
        eventStore.readEvents(wallet.value(), 0).asStream().forEach(message -> {
            Object event = message.getPayload();
            if (event instanceof WalletOpenedEvent opened) {
                fold.balance = opened.freeTokens();
            } else if (event instanceof TokensReservedEvent reservedEvent) {
                fold.reserved += reservedEvent.amount();
            } else if (event instanceof ReservationSettledEvent settled) {
                fold.reserved -= settled.reserved();
                fold.balance -= settled.charged();
            }
            fold.lowestSpendable = Math.min(fold.lowestSpendable, fold.balance - fold.reserved);
            fold.lastSequence = message.getSequenceNumber();
        });
        return fold;
    }
}
