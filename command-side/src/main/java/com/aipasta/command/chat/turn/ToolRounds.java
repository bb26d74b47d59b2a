package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.ToolCall;
import com.aipasta.command.chat.provider.ToolDefinition;
import com.aipasta.command.chat.provider.TokenUsage;
import com.aipasta.command.tool.Tool;
import com.aipasta.command.tool.ToolProperties;
import com.aipasta.command.tool.ToolRuns;
import com.aipasta.command.tool.Tools;
import com.aipasta.common.DomainException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A turn with a model that can call tools: the platform's tools are offered with the request, and when the model asks
 * for some instead of answering, they are run, their results appended to the conversation and the model asked again,
 * for at most {@code MODEL_TOOL_ROUNDS} rounds (the last one offers no tools, so the model answers). To the turn this
 * is one completion: text streams from every round, and the usage it reports is every round's added up, so the one
 * reservation of the turn is settled once for every provider call made.
 */
@Component
public class ToolRounds {

    private static final Logger log = LoggerFactory.getLogger(ToolRounds.class);
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
    };

    private final Tools tools;
    private final ToolRuns runs;
    private final TokenCounter tokens;
    private final ToolProperties properties;
    private final Executor turnExecutor;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final List<ToolDefinition> definitions;

    public ToolRounds(Tools tools, ToolRuns runs, TokenCounter tokens, ToolProperties properties,
                      @Qualifier("turnExecutor") Executor turnExecutor) {
        this.tools = tools;
        this.runs = runs;
        this.tokens = tokens;
        this.properties = properties;
        this.turnExecutor = turnExecutor;
        this.definitions = tools.all().stream().map(tool -> new ToolDefinition(tool.name(), tool.description(),
                tool.parameters().asJsonSchema())).toList();
    }

    /** The tools offered to a model that can call them. */
    public List<ToolDefinition> definitions() {
        return definitions;
    }

    /** Streams {@code request} (which offers the tools) and every round after it to {@code listener}. */
    public ChatStream stream(ChatProvider provider, ChatRequest request, UserId user, ChatListener listener) {
        Round round = new Round(provider, user, listener, request.tools());
        round.start(request);
        return round;
    }

    /** The rounds of one turn; calls reach the turn's listener in order and stop once it is cancelled. */
    private final class Round implements ChatStream, ChatListener {

        private final ChatProvider provider;
        private final UserId user;
        private final ChatListener target;
        private final List<ToolDefinition> offered;
        private ChatRequest request;
        private ChatStream current;
        private int roundsLeft = properties.modelToolRounds();
        private boolean cancelled;
        private long promptTokens;
        private long completionTokens;
        private final StringBuilder roundText = new StringBuilder();

        Round(ChatProvider provider, UserId user, ChatListener target, List<ToolDefinition> offered) {
            this.provider = provider;
            this.user = user;
            this.target = target;
            this.offered = offered;
        }

        /** Provider calls happen outside this object's lock, which a provider's I/O thread takes to reach it. */
        void start(ChatRequest next) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                request = next;
                roundText.setLength(0);
            }
            ChatStream started = provider.stream(next, this);
            boolean cancelledMeanwhile;
            synchronized (this) {
                current = started;
                cancelledMeanwhile = cancelled;
            }
            if (cancelledMeanwhile) {
                started.cancel();
            }
        }

        @Override
        public void cancel() {
            ChatStream running;
            synchronized (this) {
                cancelled = true;
                running = current;
            }
            if (running != null) {
                running.cancel();
            }
        }

        @Override
        public synchronized void onThought(String text) {
            if (!cancelled) {
                target.onThought(text);
            }
        }

        @Override
        public synchronized void onDelta(String text) {
            if (!cancelled) {
                roundText.append(text);
                target.onDelta(text);
            }
        }

        @Override
        public synchronized void onComplete(TokenUsage usage, String finishReason) {
            if (cancelled) {
                return;
            }
            boolean onlyRound = roundsLeft == properties.modelToolRounds();
            if (onlyRound && usage == null) {
                // the turn counts a single unreported round itself, from what streamed to it
                target.onComplete(null, finishReason);
                return;
            }
            add(usage, List.of());
            target.onComplete(new TokenUsage(promptTokens, completionTokens, promptTokens + completionTokens),
                    finishReason);
        }

        @Override
        public synchronized void onError(ProviderException failure) {
            if (!cancelled) {
                target.onError(failure);
            }
        }

        /** Runs the tools off the provider's I/O thread, then asks the model again. */
        @Override
        public synchronized void onToolCalls(List<ToolCall> calls, TokenUsage usage) {
            if (cancelled) {
                return;
            }
            add(usage, calls);
            if (roundsLeft == 0) {
                target.onError(new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE,
                        "The model asked for tools again after its last round"));
                return;
            }
            roundsLeft--;
            List<ChatRequest.ChatMessage> conversation = new ArrayList<>(request.messages());
            conversation.add(ChatRequest.ChatMessage.calls(roundText.isEmpty() ? null : roundText.toString(), calls));
            ChatRequest answered = request;
            turnExecutor.execute(() -> {
                for (ToolCall call : calls) {
                    conversation.add(ChatRequest.ChatMessage.result(call.id(), result(call)));
                }
                start(answered.next(conversation, roundsLeft() > 0 ? offered : List.of()));
            });
        }

        private synchronized int roundsLeft() {
            return roundsLeft;
        }

        /**
         * Adds a round's usage; a round the provider reported none for counts its prompt as estimated and the text
         * and calls it generated.
         */
        private void add(TokenUsage usage, List<ToolCall> calls) {
            if (usage != null) {
                promptTokens += usage.promptTokens();
                completionTokens += usage.completionTokens();
                return;
            }
            List<String> prompt = new ArrayList<>();
            if (request.systemInstruction() != null) {
                prompt.add(request.systemInstruction());
            }
            request.messages().forEach(message -> prompt.add(message.content() == null ? "" : message.content()));
            promptTokens += tokens.countMessages(prompt);
            completionTokens += tokens.count(roundText.toString())
                    + calls.stream().mapToLong(call -> tokens.count(call.name() + call.arguments())).sum();
        }

        /** The tool's result as JSON text, or an error the model can read and correct. */
        private String result(ToolCall call) {
            Optional<Tool> tool = tools.find(call.name());
            Object answer;
            if (tool.isEmpty()) {
                answer = Map.of("error", "There is no tool named " + call.name());
            } else {
                try {
                    Map<String, Object> arguments = call.arguments().isBlank() ? Map.of()
                            : json.readValue(call.arguments(), ARGUMENTS);
                    answer = runs.runForModel(user, tool.get(), arguments).result();
                } catch (JsonProcessingException e) {
                    answer = Map.of("error", "The arguments are not a JSON object: " + e.getOriginalMessage());
                } catch (DomainException refused) {
                    answer = Map.of("error", refused.getMessage());
                } catch (RuntimeException failed) {
                    log.warn("Tool {} failed on a model's call", call.name(), failed);
                    answer = Map.of("error", "The tool failed");
                }
            }
            try {
                return json.writeValueAsString(answer);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A tool's result is a JSON value", e);
            }
        }
    }
}
