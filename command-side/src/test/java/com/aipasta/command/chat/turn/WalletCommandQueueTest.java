package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.command.WalletCommandBatch;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A wallet's commands go one batch at a time: one sent alone goes as itself; those that arrive while it is in flight
 * go together next, in the order they came, each caller answered with its own outcome, a refusal only to its own
 * caller, a failure of the whole batch to every caller in it. The gateway is a stand-in that holds the first command
 * until the test lets it go, and records what it is sent.
 */
class WalletCommandQueueTest {

    private static final WalletId WALLET = WalletId.of(new UserId("user-1"));
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final List<Object> sent = new ArrayList<>();
    private final CountDownLatch firstInFlight = new CountDownLatch(1);
    private final CompletableFuture<Void> letFirstGo = new CompletableFuture<>();
    private final WalletCommandQueue queue = new WalletCommandQueue(gateway);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aCommandAloneGoesAsItself() {
        when(gateway.sendAndWait(any())).thenAnswer(invocation -> {
            sent.add(invocation.getArgument(0));
            return 7L;
        });

        Long version = queue.sendAndWait(WALLET, reserve("r1"));

        assertThat(version).isEqualTo(7L);
        assertThat(sent).containsExactly(reserve("r1"));
    }

    @Test
    void commandsArrivingWhileOneIsInFlightGoTogetherNextEachAnsweredWithItsOwnOutcome() throws Exception {
        DomainException refused = new DomainException(ErrorCode.INSUFFICIENT_TOKENS, "Not enough tokens");
        gatewayHoldingTheFirst(batch -> List.of(2L, refused, 3L));

        List<Future<Object>> calls = sentBehindTheFirst(reserve("r1"), reserve("r2"), reserve("r3"), settle("r1"));

        assertThat(calls.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(calls.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        assertThatThrownBy(() -> calls.get(2).get(10, TimeUnit.SECONDS)).hasCause(refused);
        assertThat(calls.get(3).get(10, TimeUnit.SECONDS)).isEqualTo(3L);
        assertThat(sent).containsExactly(reserve("r1"),
                new WalletCommandBatch(WALLET, List.of(reserve("r2"), reserve("r3"), settle("r1"))));
    }

    @Test
    void aBatchThatFailsWholeFailsEveryCallerInIt() throws Exception {
        IllegalStateException down = new IllegalStateException("the event store is down");
        gatewayHoldingTheFirst(batch -> {
            throw down;
        });

        List<Future<Object>> calls = sentBehindTheFirst(reserve("r1"), reserve("r2"), reserve("r3"));

        assertThat(calls.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThatThrownBy(() -> calls.get(1).get(10, TimeUnit.SECONDS)).hasCause(down);
        assertThatThrownBy(() -> calls.get(2).get(10, TimeUnit.SECONDS)).hasCause(down);

        doReturn(4L).when(gateway).sendAndWait(any());
        assertThat((Long) queue.sendAndWait(WALLET, reserve("r4"))).isEqualTo(4L);
    }

    /** The gateway holds the first command until the test lets it go, answering 1; each later one as {@code next}. */
    private void gatewayHoldingTheFirst(Function<Object, Object> next) {
        when(gateway.sendAndWait(any())).thenAnswer(invocation -> {
            Object command = invocation.getArgument(0);
            sent.add(command);
            if (sent.size() == 1) {
                firstInFlight.countDown();
                letFirstGo.get(10, TimeUnit.SECONDS);
                return 1L;
            }
            return next.apply(command);
        });
    }

    /** Sends the first command, then each other once the ones before it wait behind the first, then lets it go. */
    private List<Future<Object>> sentBehindTheFirst(Object... commands) throws InterruptedException {
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            Object command = commands[i];
            calls.add(callers.submit(() -> queue.sendAndWait(WALLET, command)));
            if (i == 0) {
                assertThat(firstInFlight.await(10, TimeUnit.SECONDS)).isTrue();
            } else {
                awaitWaiting(i);
            }
        }
        letFirstGo.complete(null);
        return calls;
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.waiting(WALLET) < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static ReserveTokensCommand reserve(String request) {
        return new ReserveTokensCommand(WALLET, request, 10, null, T);
    }

    private static SettleReservationCommand settle(String request) {
        return new SettleReservationCommand(WALLET, request, 5, T);
    }
}
