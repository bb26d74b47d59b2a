package com.aipasta.projections.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.query.LedgerEntryType;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WalletProjectionTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private WalletProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        projection = new WalletProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private void history() {
        projection.on(new WalletOpenedEvent(WALLET, OWNER, 100, T), 0);
        projection.on(new TokensCreditedEvent(WALLET, "pay_1", 50, T, "pay_1"), 1);
        projection.on(new TokensReservedEvent(WALLET, "r1", 120, null, T), 2);
        projection.on(new ReservationSettledEvent(WALLET, "r1", 120, 110, 110, 100, 10, T), 3);
        projection.on(new TokensReservedEvent(WALLET, "r2", 30, null, T), 4);
        projection.on(new ReservationReleasedEvent(WALLET, "r2", 30, "failed", T), 5);
        projection.on(new TokensGrantedEvent(WALLET, 7, "sorry", new UserId("admin-1"), T), 6);
    }

    @Test
    void foldsAHistoryIntoTheBalanceAndTheLedger() {
        history();

        WalletDocument wallet = mongo.findById(OWNER.value(), WalletDocument.class);
        assertThat(wallet.freeTokens()).isEqualTo(7);
        assertThat(wallet.purchasedTokens()).isEqualTo(40);
        assertThat(wallet.usedTokens()).isEqualTo(110);
        assertThat(wallet.reserved()).isZero();
        assertThat(wallet.lastSequence()).isEqualTo(6);
        assertThat(ledger()).extracting(LedgerEntryDocument::type, LedgerEntryDocument::amount,
                        LedgerEntryDocument::balanceAfter)
                .containsExactly(
                        tuple(LedgerEntryType.FREE_GRANT, 100L, 100L),
                        tuple(LedgerEntryType.CREDITED, 50L, 150L),
                        tuple(LedgerEntryType.SPENT, -110L, 40L),
                        tuple(LedgerEntryType.GRANTED, 7L, 47L));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        WalletDocument once = mongo.findById(OWNER.value(), WalletDocument.class);
        List<LedgerEntryDocument> ledgerOnce = ledger();

        history();
        projection.on(new ReservationSettledEvent(WALLET, "r1", 120, 110, 110, 100, 10, T), 3);

        assertThat(mongo.findById(OWNER.value(), WalletDocument.class)).isEqualTo(once);
        assertThat(ledger()).isEqualTo(ledgerOnce);
    }

    @Test
    void aResetClearsWhatTheProjectionOwns() {
        history();

        projection.reset();

        assertThat(mongo.count(new Query(), WalletDocument.class)).isZero();
        assertThat(mongo.count(new Query(), LedgerEntryDocument.class)).isZero();
    }

    @Test
    void usageTheWalletCouldNotCoverIsNotedInTheLedger() {
        projection.on(new WalletOpenedEvent(WALLET, OWNER, 10, T), 0);
        projection.on(new TokensReservedEvent(WALLET, "r1", 5, null, T), 1);
        projection.on(new ReservationSettledEvent(WALLET, "r1", 5, 25, 10, 10, 0, T), 2);

        LedgerEntryDocument spent = ledger().get(1);
        assertThat(spent.amount()).isEqualTo(-10);
        assertThat(spent.balanceAfter()).isZero();
        assertThat(spent.note()).isEqualTo("15 used tokens exceeded the balance");
    }

    private List<LedgerEntryDocument> ledger() {
        return mongo.find(new Query().with(Sort.by("sequence")), LedgerEntryDocument.class);
    }
}
