package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ChatTurnSagaTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final ModelRef MODEL = new ModelRef("local/llama", "local");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final AssistantMessageStartedEvent STARTED =
            new AssistantMessageStartedEvent(SESSION, OWNER, "msg-2", "msg-1", MODEL, WALLET, 1_100, T, PromptCategory.GENERAL,
                    100L);

    private SagaTestFixture<ChatTurnSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ChatTurnSaga.class);
    }

    @Test
    void settlesTheReservationWithTheUsageWhenTheAnswerCompletes() {
        fixture.givenAggregate(SESSION.value()).published(STARTED)
                .whenAggregate(SESSION.value()).publishes(new AssistantMessageCompletedEvent(SESSION, OWNER, "msg-2",
                        MODEL, "Hello", null, TokenCount.of(40, 60), "stop", 900, 120, Cost.ZERO, T))
                .expectDispatchedCommands(new SettleReservationCommand(WALLET, "msg-2", 100, T))
                .expectActiveSagas(0);
    }

    @Test
    void settlesWhatWasGeneratedWhenTheAnswerFailsPartWay() {
        fixture.givenAggregate(SESSION.value()).published(STARTED)
                .whenAggregate(SESSION.value()).publishes(new AssistantMessageFailedEvent(SESSION, OWNER, "msg-2",
                        MODEL, "Hel", null, TokenCount.of(40, 2), "PROVIDER_CONNECTION", "cut", Cost.ZERO, T))
                .expectDispatchedCommands(new SettleReservationCommand(WALLET, "msg-2", 42, T))
                .expectActiveSagas(0);
    }

    @Test
    void releasesTheReservationWhenTheAnswerFailsWithNothingGenerated() {
        fixture.givenAggregate(SESSION.value()).published(STARTED)
                .whenAggregate(SESSION.value()).publishes(new AssistantMessageFailedEvent(SESSION, OWNER, "msg-2",
                        MODEL, "", null, TokenCount.NONE, "PROVIDER_RATE_LIMITED", "429", Cost.ZERO, T))
                .expectDispatchedCommands(new ReleaseReservationCommand(WALLET, "msg-2", "PROVIDER_RATE_LIMITED", T))
                .expectActiveSagas(0);
    }

    @Test
    void releasesTheReservationWhenTheTurnTimesOut() {
        fixture.givenAggregate(SESSION.value()).published(STARTED)
                .whenAggregate(SESSION.value()).publishes(new AssistantMessageFailedEvent(SESSION, OWNER, "msg-2",
                        MODEL, "", null, TokenCount.NONE, AnswerTimeouts.TIMEOUT, "interrupted", Cost.ZERO, T))
                .expectDispatchedCommands(new ReleaseReservationCommand(WALLET, "msg-2", AnswerTimeouts.TIMEOUT, T))
                .expectActiveSagas(0);
    }

    @Test
    void startsOneSagaPerAnswerAndIgnoresOtherAnswers() {
        fixture.givenAggregate(SESSION.value()).published(STARTED)
                .whenAggregate(SESSION.value()).publishes(new AssistantMessageCompletedEvent(SESSION, OWNER, "msg-9",
                        MODEL, "Other", null, TokenCount.of(1, 1), "stop", 1, 1, Cost.ZERO, T))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }
}
