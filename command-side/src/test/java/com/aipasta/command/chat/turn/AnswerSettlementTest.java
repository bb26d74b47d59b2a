package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Each end of an answer pays for it from what its event says, and a reservation closed already is no failure. */
class AnswerSettlementTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final ModelRef MODEL = new ModelRef("local/llama", "local");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final AnswerSettlement settlement = new AnswerSettlement(commands);

    @Test
    void settlesTheReservationWithTheUsageWhenTheAnswerCompletes() {
        settlement.on(new AssistantMessageCompletedEvent(SESSION, OWNER, "msg-2", MODEL, "Hello", null,
                TokenCount.of(40, 60), "stop", 900, 120, Cost.ZERO, T));

        verify(commands).sendAndWait(new SettleReservationCommand(WALLET, "msg-2", 100, T));
    }

    @Test
    void settlesWhatWasGeneratedWhenTheAnswerFailsPartWay() {
        settlement.on(new AssistantMessageFailedEvent(SESSION, OWNER, "msg-2", MODEL, "Hel", null,
                TokenCount.of(40, 2), "PROVIDER_CONNECTION", "cut", Cost.ZERO, T));

        verify(commands).sendAndWait(new SettleReservationCommand(WALLET, "msg-2", 42, T));
    }

    @Test
    void releasesTheReservationWhenTheAnswerFailsWithNothingGenerated() {
        settlement.on(new AssistantMessageFailedEvent(SESSION, OWNER, "msg-2", MODEL, "", null, TokenCount.NONE,
                AnswerTimeouts.TIMEOUT, "interrupted", Cost.ZERO, T));

        verify(commands).sendAndWait(new ReleaseReservationCommand(WALLET, "msg-2", AnswerTimeouts.TIMEOUT, T));
    }

    @Test
    void aReservationTheWalletClosedAlreadyEndsNothing() {
        when(commands.sendAndWait(any())).thenThrow(new DomainException(ErrorCode.CONFLICT, "closed already"));

        settlement.on(new AssistantMessageCompletedEvent(SESSION, OWNER, "msg-2", MODEL, "Hello", null,
                TokenCount.of(40, 60), "stop", 900, 120, Cost.ZERO, T));

        verify(commands).sendAndWait(new SettleReservationCommand(WALLET, "msg-2", 100, T));
    }
}
