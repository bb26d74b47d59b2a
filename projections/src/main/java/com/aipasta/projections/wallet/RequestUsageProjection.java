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
 * redelivered event changes nothing; one opened and closed in a batch is stored closed at once. It is written before
 * the wallet, whose version is what readers wait for (see {@link WalletProjection}): a wallet read at a version has
 * its usage up to that version written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ProcessingGroup(WalletProjection.NAME)
public class RequestUsageProjection {

    private final MongoTemplate mongo;

    public RequestUsageProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A request this batch opened, stored once the batch is sent, closed if the batch closes it too. */
    private static final class Opened {
        private final TokensReservedEvent reserved;
        private String state = RequestUsageDocument.OPEN;
        private long tokens;
        private long sequence;

        private Opened(TokensReservedEvent reserved, long sequence) {
            this.reserved = reserved;
            this.sequence = sequence;
        }

        /** How it closed is set on a stored request too: a request closes once, always the same way. */
        private Update update() {
            YearMonth month = reserved.monthly() != null ? reserved.monthly().month()
                    : YearMonth.from(reserved.reservedAt().atZone(ZoneOffset.UTC));
            String day = reserved.quota() != null ? reserved.quota().day().toString()
                    : reserved.reservedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            Update update = new Update()
                    .setOnInsert("ownerId", reserved.walletId().owner().value())
                    .setOnInsert("month", month.toString())
                    .setOnInsert("day", day)
                    .setOnInsert("tier", reserved.quota() == null ? null : reserved.quota().tier())
                    .setOnInsert("reservedAt", reserved.reservedAt());
            return state.equals(RequestUsageDocument.OPEN)
                    ? update.setOnInsert("state", state).setOnInsert("tokens", tokens)
                            .setOnInsert("lastSequence", sequence)
                    : update.set("state", state).set("tokens", tokens).set("lastSequence", sequence);
        }
    }

    @EventHandler
    void on(TokensReservedEvent event, @SequenceNumber long sequence) {
        Opened opened = new Opened(event, sequence);
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        batch.memory(Opened.class).put(event.requestId(), opened);
        batch.upsertLatest(RequestUsageDocument.class, Query.query(Criteria.where("_id").is(event.requestId())),
                opened::update);
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
        ReadModelBatch batch = ReadModelBatch.current(mongo);
        Opened opened = batch.memory(Opened.class).get(requestId);
        if (opened != null) {
            opened.state = state;
            opened.tokens = tokens;
            opened.sequence = sequence;
            return;
        }
        batch.updateFirst(RequestUsageDocument.class,
                Query.query(Criteria.where("_id").is(requestId).and("lastSequence").lt(sequence)),
                new Update().set("state", state).set("tokens", tokens).set("lastSequence", sequence));
    }
}
