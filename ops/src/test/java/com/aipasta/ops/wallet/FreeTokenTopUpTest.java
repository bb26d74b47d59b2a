package com.aipasta.ops.wallet;

import com.aipasta.command.access.AccessState;
import com.aipasta.command.wallet.FreeTokenTopUps;
import com.aipasta.command.wallet.WalletProperties;
import com.aipasta.ops.PlatformTest;
import com.aipasta.wallet.api.event.FreeTokensToppedUpEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two schedulers top the free-plan wallets up at once, on fixed instants of the coming months: each wallet records
 * one top-up per period, premium wallets none, and the spent free tokens come back.
 */
class FreeTokenTopUpTest extends PlatformTest {

    @Autowired
    FreeTokenTopUps scheduler;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CommandGateway commands;
    @Autowired
    AccessState access;
    @Autowired
    WalletProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    EventStore eventStore;

    @Test
    void twoSchedulersTopEachFreeWalletUpOncePerPeriod() {
        Account spender = register();
        Account idle = register();
        Account premium = register();
        assertThat(api.post("/api/chat", Map.of("message", "Spend some", "modelId", FREE_MODEL), spender.token())
                .status()).isEqualTo(200);
        assertThat(api.patch("/api/admin/users/" + premium.id(), Map.of("plan", "premium"), admin().token())
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(spender, idle, premium).stream()
                .allMatch(account -> mongo.findById("wallet-" + account.id(), Document.class,
                        "free_token_wallets") != null));
        assertThat(api.get("/api/user/wallet", spender.token()).data().path("freeTokens").asLong())
                .isLessThan(10_000);
        FreeTokenTopUps otherNode = new FreeTokenTopUps(mongo, commands, access, properties, clock);
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        Instant nextMonth = next.atDay(1).atStartOfDay(ZoneOffset.UTC).plusSeconds(60).toInstant();

        race(otherNode, nextMonth);
        race(otherNode, nextMonth.plusSeconds(3_600));

        assertThat(topUps(spender)).extracting(FreeTokensToppedUpEvent::period).containsExactly(next);
        assertThat(topUps(idle)).extracting(FreeTokensToppedUpEvent::amount).containsExactly(0L);
        assertThat(topUps(premium)).isEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get("/api/user/wallet",
                spender.token()).data().path("freeTokens").asLong()).isEqualTo(10_000));

        race(otherNode, next.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        assertThat(topUps(spender)).extracting(FreeTokensToppedUpEvent::period)
                .containsExactly(next, next.plusMonths(1));
        assertThat(topUps(idle)).hasSize(2);
        assertThat(topUps(premium)).isEmpty();
    }

    private void race(FreeTokenTopUps otherNode, Instant at) {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> scheduler.topUp(at));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> otherNode.topUp(at));
        assertThat(first.join()).isPositive();
        assertThat(second.join()).isPositive();
    }

    private List<FreeTokensToppedUpEvent> topUps(Account account) {
        return eventStore.readEvents("wallet-" + account.id(), 0).asStream()
                .map(message -> message.getPayload())
                .filter(FreeTokensToppedUpEvent.class::isInstance)
                .map(FreeTokensToppedUpEvent.class::cast)
                .toList();
    }
}
