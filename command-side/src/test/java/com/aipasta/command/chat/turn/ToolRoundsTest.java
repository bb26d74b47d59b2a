package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ProviderModel;
import com.aipasta.command.chat.provider.TokenUsage;
import com.aipasta.command.chat.provider.ToolCall;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.command.tool.Calculator;
import com.aipasta.command.tool.Echo;
import com.aipasta.command.tool.ToolProperties;
import com.aipasta.command.tool.ToolRuns;
import com.aipasta.command.tool.Tools;
import com.aipasta.tool.api.command.RecordToolUseCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ToolRoundsTest {

    private static final UserId USER = new UserId("user-1");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final Tools tools = new Tools(List.of(new Calculator(), new Echo()));
    private final ToolRounds rounds = new ToolRounds(tools, new ToolRuns(tools, commands, mock(QueryGateway.class),
            mock(ReadModels.class), mock(PendingReads.class), Clock.systemUTC(), Runnable::run), new TokenCounter(),
            new ToolProperties(Duration.ofSeconds(1), 2), Runnable::run);

    /** Answers each request with the next scripted behaviour, on the caller's thread. */
    private static final class ScriptedModel implements ChatProvider {
        private final List<BiConsumer<ChatRequest, ChatListener>> script;
        private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

        @SafeVarargs
        ScriptedModel(BiConsumer<ChatRequest, ChatListener>... script) {
            this.script = List.of(script);
        }

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<ProviderModel> listModels() {
            return List.of();
        }

        @Override
        public ChatStream stream(ChatRequest request, ChatListener listener) {
            requests.add(request);
            script.get(requests.size() - 1).accept(request, listener);
            return () -> {
            };
        }
    }

    /** What the turn's listener received. */
    private static final class Turn implements ChatListener {
        private final List<String> calls = new ArrayList<>();
        private TokenUsage usage;

        @Override
        public void onThought(String text) {
            calls.add("thought:" + text);
        }

        @Override
        public void onDelta(String text) {
            calls.add("delta:" + text);
        }

        @Override
        public void onComplete(TokenUsage reported, String finishReason) {
            usage = reported;
            calls.add("complete:" + finishReason);
        }

        @Override
        public void onError(ProviderException failure) {
            calls.add("error:" + failure.kind());
        }
    }

    private static BiConsumer<ChatRequest, ChatListener> asks(TokenUsage usage, ToolCall... calls) {
        return (request, listener) -> listener.onToolCalls(List.of(calls), usage);
    }

    private static BiConsumer<ChatRequest, ChatListener> answers(String text, TokenUsage usage) {
        return (request, listener) -> {
            listener.onDelta(text);
            listener.onComplete(usage, "stop");
        };
    }

    private static ChatRequest question() {
        return new ChatRequest("model", null, List.of(new ChatRequest.ChatMessage(ChatRequest.Role.USER,
                "What is 2 + 3?")), null, null, null, null, List.of());
    }

    private ChatRequest offering() {
        return new ChatRequest("model", null, question().messages(), null, null, null, null, rounds.definitions());
    }

    @Test
    void runsTheCalledToolsAndAsksAgainWithTheirResultsAddingUpEveryRoundsUsage() {
        ScriptedModel model = new ScriptedModel(
                asks(new TokenUsage(10, 3, 13), new ToolCall("c1", "calculator",
                        "{\"operation\":\"add\",\"number1\":2,\"number2\":3}"), new ToolCall("c2", "teleport", "{}")),
                answers("It is 5.", new TokenUsage(30, 4, 34)));
        Turn turn = new Turn();

        rounds.stream(model, offering(), USER, turn);

        assertThat(turn.calls).containsExactly("delta:It is 5.", "complete:stop");
        assertThat(turn.usage).isEqualTo(new TokenUsage(40, 7, 47));
        List<ChatRequest.ChatMessage> second = model.requests.get(1).messages();
        assertThat(second).hasSize(4);
        assertThat(second.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c2");
        assertThat(second.get(2).toolCallId()).isEqualTo("c1");
        assertThat(second.get(2).content()).contains("\"result\":\"5\"");
        assertThat(second.get(3).content()).contains("There is no tool named teleport");
        verify(commands, times(1)).send(any(RecordToolUseCommand.class));
    }

    @Test
    void refusedArgumentsGoBackToTheModelToCorrect() {
        ScriptedModel model = new ScriptedModel(
                asks(null, new ToolCall("c1", "calculator", "{\"operation\":\"divide\",\"number1\":1,\"number2\":0}"),
                        new ToolCall("c2", "echo", "not json")),
                answers("Cannot divide by zero.", null));
        Turn turn = new Turn();

        rounds.stream(model, offering(), USER, turn);

        List<ChatRequest.ChatMessage> second = model.requests.get(1).messages();
        assertThat(second.get(2).content()).contains("Division by zero");
        assertThat(second.get(3).content()).contains("not a JSON object");
        assertThat(turn.calls).containsExactly("delta:Cannot divide by zero.", "complete:stop");
        assertThat(turn.usage).as("every round is counted when the provider reports no usage").isNotNull();
        assertThat(turn.usage.promptTokens()).isPositive();
        assertThat(turn.usage.completionTokens()).isPositive();
    }

    @Test
    void theLastRoundOffersNoToolsAndAModelAskingAgainFails() {
        ToolCall echo = new ToolCall("c", "echo", "{\"message\":\"again\"}");
        ScriptedModel model = new ScriptedModel(asks(null, echo), asks(null, echo), asks(null, echo));
        Turn turn = new Turn();

        rounds.stream(model, offering(), USER, turn);

        assertThat(model.requests).hasSize(3);
        assertThat(model.requests.get(1).tools()).isNotEmpty();
        assertThat(model.requests.get(2).tools()).isEmpty();
        assertThat(turn.calls).containsExactly("error:MALFORMED_RESPONSE");
    }

    @Test
    void nothingReachesTheTurnOnceItIsCancelled() {
        List<ChatListener> held = new ArrayList<>();
        ScriptedModel model = new ScriptedModel((request, listener) -> held.add(listener));
        Turn turn = new Turn();

        ChatStream stream = rounds.stream(model, offering(), USER, turn);
        stream.cancel();
        held.get(0).onDelta("late");
        held.get(0).onComplete(new TokenUsage(1, 1, 2), "stop");

        assertThat(turn.calls).isEmpty();
    }
}
