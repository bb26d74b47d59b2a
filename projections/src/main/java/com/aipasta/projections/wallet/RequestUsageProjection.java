package com.aipasta.projections.wallet;

import com.aipasta.projections.ReadModelBatch;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The requests of each wallet with the month and day they count in, from which a user's use of the daily and monthly
 * limits is counted when read. A request is created once and moves only forward by the wallet's sequence number, so a
 * redelivered event changes nothing. It is written before the wallet, whose version is what readers wait for (see
 * {@link WalletProjection}): a wallet read at a version has its usage up to that version written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ProcessingGroup(WalletProjection.NAME)
public class RequestUsageProjection {

    private final MongoTemplate mongo;

    public RequestUsageProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(TokensReservedEvent event, @SequenceNumber long sequence) {
        YearMonth month = event.monthly() != null ? event.monthly().month()
                : YearMonth.from(event.reservedAt().atZone(ZoneOffset.UTC));
        String day = event.quota() != null ? event.quota().day().toString()
                : event.reservedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        ReadModelBatch.current(mongo).upsert(RequestUsageDocument.class,
                Query.query(Criteria.where("_id").is(event.requestId())), new Update()
                        .setOnInsert("ownerId", event.walletId().owner().value())
                        .setOnInsert("month", month.toString())
                        .setOnInsert("day", day)
                        .setOnInsert("tier", event.quota() == null ? null : event.quota().tier())
                        .setOnInsert("state", RequestUsageDocument.OPEN)
                        .setOnInsert("tokens", 0L)
                        .setOnInsert("reservedAt", event.reservedAt())
                        .setOnInsert("lastSequence", sequence));
    }

    @EventHandler
    void on(ReservationSettledEvent event, @SequenceNumber long sequence) {
        close(event.requestId(), sequence, RequestUsageDocument.SETTLED, event.charged());
    }

    @EventHandler
    void on(ReservationReleasedEvent event, @SequenceNumber long sequence) {
        close(event.requestId(), sequence, RequestUsageDocument.RELEASED, 0);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), RequestUsageDocument.class);
    }

    private void close(String requestId, long sequence, String state, long tokens) {
        ReadModelBatch.current(mongo).updateFirst(RequestUsageDocument.class,
                Query.query(Criteria.where("_id").is(requestId).and("lastSequence").lt(sequence)),
                new Update().set("state", state).set("tokens", tokens).set("lastSequence", sequence));
    }
}
