package com.aipasta.query.wallet;

import com.aipasta.common.Pagination;
import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.projections.wallet.OpenReservationDocument;
import com.aipasta.projections.wallet.RequestUsageDocument;
import com.aipasta.projections.wallet.WalletDocument;
import com.aipasta.wallet.api.query.ExpiredReservations;
import com.aipasta.wallet.api.query.FindExpiredReservationsQuery;
import com.aipasta.wallet.api.query.FindLedgerQuery;
import com.aipasta.wallet.api.query.FindReservationQuery;
import com.aipasta.wallet.api.query.FindUsageQuery;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.LedgerEntry;
import com.aipasta.wallet.api.query.LedgerPage;
import com.aipasta.wallet.api.query.OpenReservation;
import com.aipasta.wallet.api.query.UsageView;
import com.aipasta.wallet.api.query.WalletSummary;
import com.aipasta.wallet.api.query.WalletView;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

@Component
public class WalletQueryHandlers {

    private final MongoTemplate mongo;

    public WalletQueryHandlers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public Optional<WalletView> handle(FindWalletQuery query) {
        return Optional.ofNullable(mongo.findById(query.ownerId().value(), WalletDocument.class))
                .map(wallet -> new WalletView(query.ownerId(), summary(wallet), wallet.lastSequence()));
    }

    @QueryHandler
    public LedgerPage handle(FindLedgerQuery query) {
        Criteria ofOwner = Criteria.where("ownerId").is(query.ownerId().value());
        long total = mongo.count(Query.query(ofOwner), LedgerEntryDocument.class);
        Query page = Query.query(ofOwner)
                .with(Sort.by(Sort.Direction.DESC, "sequence"))
                .skip(query.pageRequest().offset())
                .limit(query.pageRequest().limit());
        return new LedgerPage(mongo.find(page, LedgerEntryDocument.class).stream()
                .map(entry -> new LedgerEntry(entry.type(), entry.amount(), entry.balanceAfter(), entry.reference(),
                        entry.note(), entry.time()))
                .toList(),
                Pagination.of(query.pageRequest().page(), query.pageRequest().limit(), total));
    }

    @QueryHandler
    public ExpiredReservations handle(FindExpiredReservationsQuery query) {
        return new ExpiredReservations(mongo.find(Query.query(Criteria.where("reservedAt").lt(query.reservedBefore())),
                        OpenReservationDocument.class).stream()
                .map(open -> new ExpiredReservations.Reservation(new WalletId(open.walletId()), open.id()))
                .toList());
    }

    @QueryHandler
    public Optional<OpenReservation> handle(FindReservationQuery query) {
        return Optional.ofNullable(mongo.findById(query.requestId(), OpenReservationDocument.class))
                .map(open -> new OpenReservation(open.id(), open.amount(), open.reservedAt()));
    }

    @QueryHandler
    public UsageView handle(FindUsageQuery query) {
        Map<String, Integer> daily = new TreeMap<>();
        int requests = 0;
        long tokens = 0;
        List<RequestUsageDocument> ofMonth = mongo.find(Query.query(Criteria.where("ownerId")
                .is(query.ownerId().value()).and("month").is(query.month().toString())), RequestUsageDocument.class);
        for (RequestUsageDocument request : ofMonth) {
            tokens += request.tokens();
            if (RequestUsageDocument.RELEASED.equals(request.state())) {
                continue;
            }
            requests++;
            if (request.tier() != null && query.day().toString().equals(request.day())) {
                daily.merge(request.tier(), 1, Integer::sum);
            }
        }
        return new UsageView(daily, requests, tokens);
    }

    public Optional<WalletSummary> summaryOf(String ownerId) {
        return Optional.ofNullable(mongo.findById(ownerId, WalletDocument.class)).map(WalletQueryHandlers::summary);
    }

    private static WalletSummary summary(WalletDocument wallet) {
        return new WalletSummary(wallet.balance(), wallet.freeTokens(), wallet.purchasedTokens(), wallet.usedTokens(),
                wallet.reserved());
    }
}
