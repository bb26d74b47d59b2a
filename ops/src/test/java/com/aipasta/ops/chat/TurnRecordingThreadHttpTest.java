package com.aipasta.ops.chat;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.StartSessionWithTurnCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.ops.PlatformTest;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static com.aipasta.ops.chat.FakeProviders.ANSWER;
import static com.aipasta.ops.chat.FakeProviders.FREE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reservation is the only command a streamed turn's request sends before its stream opens: recording the turn on
 * its session, in a new session or an existing one, is dispatched from a thread of the turns' own, never the
 * request's, so the first token does not wait for that append.
 */
class TurnRecordingThreadHttpTest extends PlatformTest {

    private static final Predicate<String> REQUEST_THREAD = name -> name.startsWith("http-nio");

    @Autowired
    CommandBus commandBus;

    @Test
    void aStreamedTurnIsRecordedOffTheRequestThread() {
        Account account = register();
        Map<Class<?>, List<String>> threads = new ConcurrentHashMap<>();
        Registration interceptor = commandBus.registerDispatchInterceptor(commands -> (index, command) -> {
            if (ofThisAccount(command.getPayload(), account.id())) {
                threads.computeIfAbsent(command.getPayloadType(), type -> new CopyOnWriteArrayList<>())
                        .add(Thread.currentThread().getName());
            }
            return command;
        });
        EventStreamClient events = new EventStreamClient(port);
        try {
            EventStreamClient.Stream first = events.post("/api/chat", account.token(),
                    Map.of("message", "A new session", "modelId", FREE_MODEL));
            assertThat(first.text()).isEqualTo(ANSWER);
            String sessionId = first.events().get(0).data().path("sessionId").asText();
            EventStreamClient.Stream second = events.post("/api/chat", account.token(),
                    Map.of("message", "The same session", "modelId", FREE_MODEL, "sessionId", sessionId));
            assertThat(second.text()).isEqualTo(ANSWER);
        } finally {
            interceptor.cancel();
        }

        assertThat(threads.get(ReserveTokensCommand.class)).hasSizeGreaterThanOrEqualTo(2).allMatch(REQUEST_THREAD);
        assertThat(threads.get(StartSessionWithTurnCommand.class)).hasSize(1).noneMatch(REQUEST_THREAD);
        assertThat(threads.get(StartTurnCommand.class)).hasSize(1).noneMatch(REQUEST_THREAD);
    }

    private static boolean ofThisAccount(Object command, String userId) {
        if (command instanceof ReserveTokensCommand reserve) {
            return reserve.walletId().equals(WalletId.of(new UserId(userId)));
        }
        if (command instanceof StartSessionWithTurnCommand start) {
            return start.turn().ownerId().value().equals(userId);
        }
        return command instanceof StartTurnCommand turn && turn.ownerId().value().equals(userId);
    }
}
