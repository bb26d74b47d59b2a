package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the answer timeouts decide from: unfinished answers and open reservations, folded from events. */
class OpenTurnsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final SessionId SESSION = new SessionId("session-1");
    private static final ModelRef MODEL = new ModelRef("local/model", "local");

    private MongoServer server;
    private MongoClient client;
    private OpenTurns open;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        open = new OpenTurns(new MongoTemplate(client, "open-turns-test"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static AssistantMessageStartedEvent started(String messageId, Instant at) {
        return new AssistantMessageStartedEvent(SESSION, OWNER, messageId, "user-msg", MODEL, WALLET, 100, at, null, 20L);
    }

    @Test
    void answersNotFinishedAndReservationsNotClosedAreTheOnesLeftOpen() {
        history();

        assertOnlyTheUnfinishedAreOpen();
    }

    @Test
    void aBatchSendsOneWriteAndOneDeleteACollectionAndLeavesTheSameOpen() {
        List<String> commands = new CopyOnWriteArrayList<>();
        MongoClient listened = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.getConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("update") || event.getCommandName().equals("delete")) {
                            commands.add(event.getCommandName() + " "
                                    + event.getCommand().getString(event.getCommandName()).getValue());
                        }
                    }
                })
                .build());
        open = new OpenTurns(new MongoTemplate(listened, "open-turns-test"));

        try (listened) {
            new BatchingUnitOfWork<>(new GenericEventMessage<>("batch")).execute(this::history);

            assertThat(commands).containsExactly(
                    "update " + OpenTurns.ANSWERS, "delete " + OpenTurns.ANSWERS,
                    "update " + OpenTurns.RESERVATIONS, "delete " + OpenTurns.RESERVATIONS);
            assertOnlyTheUnfinishedAreOpen();
        }
    }

    private void history() {
        open.on(started("finished", T));
        open.on(new AssistantMessageCompletedEvent(SESSION, OWNER, "finished", MODEL, "done", null,
                TokenCount.of(1, 1), "stop", 10, 5, Cost.ZERO, T));
        open.on(started("failed", T));
        open.on(new AssistantMessageFailedEvent(SESSION, OWNER, "failed", MODEL, "", null, TokenCount.NONE,
                "PROVIDER_CONNECTION", "cut", Cost.ZERO, T));
        open.on(started("interrupted", T));
        open.on(started("interrupted", T));
        open.on(started("recent", T.plus(Duration.ofMinutes(20))));
        open.on(new TokensReservedEvent(WALLET, "settled", 100, null, T));
        open.on(new ReservationSettledEvent(WALLET, "settled", 100, 2, 2, 2, 0, T));
        open.on(new TokensReservedEvent(WALLET, "released", 100, null, T));
        open.on(new ReservationReleasedEvent(WALLET, "released", 100, "failed", T));
        open.on(new TokensReservedEvent(WALLET, "held", 100, null, T));
    }

    private void assertOnlyTheUnfinishedAreOpen() {
        Instant cutoff = T.plus(Duration.ofMinutes(10));
        assertThat(open.answersStartedBefore(cutoff))
                .containsExactly(new OpenTurns.OpenAnswer(SESSION, OWNER, "interrupted", 20L));
        assertThat(open.reservationsTakenBefore(cutoff))
                .containsExactly(new OpenTurns.OpenReservation(WALLET, "held"));
    }
}
