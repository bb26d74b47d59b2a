package com.aipasta.command.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.config.WriteSideState;
import com.aipasta.wallet.api.command.TopUpFreeTokensCommand;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * With {@code FREE_TOKENS_RESET=monthly}, tops the wallets of free-plan accounts back up to {@code FREE_TOKENS} once a
 * month. The wallets come from a collection of its own ({@code free_token_wallets}), fed by wallet openings through
 * the write side's state processor, and each account's plan from the access state; the wallet itself decides whether
 * its period was already topped up, so any number of nodes may run this at once and each wallet records one top-up
 * per period. Wallets opened before this processor handled openings are not listed.
 */
@Component
@ProcessingGroup(WriteSideState.PROCESSING_GROUP)
public class FreeTokenTopUps {

    static final String COLLECTION = "free_token_wallets";
    private static final Logger log = LoggerFactory.getLogger(FreeTokenTopUps.class);
    private static final int PAGE = 500;

    private final MongoTemplate mongo;
    private final CommandGateway commands;
    private final AccessState access;
    private final WalletProperties properties;
    private final Clock clock;

    public FreeTokenTopUps(MongoTemplate mongo, CommandGateway commands, AccessState access,
                           WalletProperties properties, Clock clock) {
        this.mongo = mongo;
        this.commands = commands;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @EventHandler
    @DisallowReplay
    void on(WalletOpenedEvent event) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.walletId().value())),
                new Update().setOnInsert("ownerId", event.ownerId().value()), COLLECTION);
    }

    @Scheduled(fixedDelayString = "${aipasta.wallet.free-tokens-reset-check:1h}", initialDelayString = "1m")
    void scheduled() {
        if (properties.topsUpMonthly()) {
            topUp(clock.instant());
        }
    }

    /** Asks every free-plan wallet to take the free tokens of the month of {@code now}; answers how many were asked. */
    public int topUp(Instant now) {
        YearMonth period = YearMonth.from(now.atZone(ZoneOffset.UTC));
        int asked = 0;
        String after = "";
        List<Document> page;
        do {
            page = mongo.find(Query.query(Criteria.where("_id").gt(after)).with(Sort.by("_id")).limit(PAGE),
                    Document.class, COLLECTION);
            for (Document wallet : page) {
                after = wallet.getString("_id");
                if (onFreePlan(wallet.getString("ownerId"))) {
                    try {
                        commands.sendAndWait(new TopUpFreeTokensCommand(new WalletId(after), period,
                                properties.freeTokens(), now));
                        asked++;
                    } catch (RuntimeException failed) {
                        log.warn("Wallet {} could not be topped up for {}: {}", after, period, failed.getMessage());
                    }
                }
            }
        } while (page.size() == PAGE);
        return asked;
    }

    private boolean onFreePlan(String ownerId) {
        return access.of(new UserId(ownerId))
                .filter(account -> !account.deleted() && Access.FREE_PLAN.equals(account.effectivePlan()))
                .isPresent();
    }
}
