package com.aipasta.ops.audit;

import com.aipasta.account.api.value.UserId;
import com.aipasta.wallet.api.event.WalletEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.client.model.Filters;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Folds wallets from the event store alone. */
@Component
public class WalletEvents {

    private static final String WALLET_AGGREGATE_TYPE = "Wallet";

    private final EventStore eventStore;
    private final MongoTemplate axonMongo;

    public WalletEvents(EventStore eventStore, MongoTemplate axonMongo) {
        this.eventStore = eventStore;
        this.axonMongo = axonMongo;
    }

    /** Every wallet that has events, by wallet id. */
    public List<WalletId> walletIds() {
        List<WalletId> ids = new ArrayList<>();
        axonMongo.eventCollection().distinct("aggregateIdentifier", Filters.eq("type", WALLET_AGGREGATE_TYPE),
                String.class).forEach(id -> ids.add(new WalletId(id)));
        ids.sort((a, b) -> a.value().compareTo(b.value()));
        return ids;
    }

    public WalletHistory history(WalletId wallet) {
        return fold(wallet, time -> true);
    }

    /** The wallet of {@code owner} as its events up to and including {@code asOf} made it. */
    public WalletHistory historyAsOf(UserId owner, Instant asOf) {
        return fold(WalletId.of(owner), time -> !time.isAfter(asOf));
    }

    private WalletHistory fold(WalletId wallet, Predicate<Instant> included) {
        WalletHistory history = new WalletHistory();
        eventStore.readEvents(wallet.value(), 0).asStream()
                .filter(event -> event.getPayload() instanceof WalletEvent && included.test(event.getTimestamp()))
                .forEach(event -> history.apply((WalletEvent) event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp()));
        return history;
    }
}
