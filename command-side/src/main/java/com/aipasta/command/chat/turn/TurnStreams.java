package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.command.http.DatabaseSharing;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.wallet.api.value.WalletBalance;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Server-sent events for an answer: from a generation running here, or from the database for any other. An answer's
 * last event ({@code done} or {@code error}) is sent as soon as it ends, and the caller's next request waits for the
 * read models here ({@link PendingReads}); where other nodes share the database, that next request may reach one of
 * them instead, so the last event waits for the read models to show the answer and its payment.
 */
@Component
public class TurnStreams {

    private static final Duration POLL = Duration.ofMillis(250);

    private final LiveGenerations live;
    private final ReadModels readModels;
    private final QueryGateway queries;
    private final ChatProperties properties;
    private final Executor turnExecutor;
    private final PendingReads pendingReads;
    private final DatabaseSharing database;
    private final ObjectMapper json;

    public TurnStreams(LiveGenerations live, ReadModels readModels, QueryGateway queries, ChatProperties properties,
                       @Qualifier("turnExecutor") Executor turnExecutor, PendingReads pendingReads,
                       DatabaseSharing database, ObjectMapper json) {
        this.live = live;
        this.readModels = readModels;
        this.queries = queries;
        this.properties = properties;
        this.turnExecutor = turnExecutor;
        this.pendingReads = pendingReads;
        this.database = database;
        this.json = json;
    }

    public void stream(Generation generation, HttpServletRequest request, HttpServletResponse response) {
        EventStream events = EventStream.open(request, response, json);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sessionId", generation.sessionId().value());
        meta.put("messageId", generation.messageId());
        meta.putAll(choiceOf(generation.choice()));
        events.send("meta", meta);
        Generation.Watcher watcher = new Generation.Watcher() {
            @Override
            public void thought(String text) {
                sendOrLeave("thought", Map.of("text", text));
            }

            @Override
            public void delta(String text) {
                sendOrLeave("delta", Map.of("text", text));
            }

            @Override
            public void done(Generation.Result result) {
                whenReadable(generation, () -> events.finish("done", doneEvent(result.message(), result.usage(),
                        readModels.requireUserWith(generation.ownerId(), result.balance()),
                        choiceOf(generation.choice()))));
            }

            @Override
            public void failed(Generation.Failure failure) {
                whenReadable(generation, () -> events.finish("error", errorEvent(failure.code(),
                        failure.message(), failure.partial(),
                        readModels.requireUserWith(generation.ownerId(), failure.balance()))));
            }

            private void sendOrLeave(String name, Object data) {
                if (!events.send(name, data)) {
                    generation.unwatch(this);
                }
            }
        };
        events.onClose(() -> generation.unwatch(watcher));
        generation.watch(watcher);
    }

    /**
     * The answers of a comparison multiplexed on one stream: a {@code meta} for each, then their {@code thought},
     * {@code delta}, {@code done} and {@code error} events as they come, each naming its {@code modelId} and
     * {@code messageId}; the stream ends once every answer has ended.
     */
    public void stream(ChatTurns.Comparison comparison, HttpServletRequest request, HttpServletResponse response) {
        EventStream events = EventStream.open(request, response, json);
        ComparisonEnds ends = new ComparisonEnds(comparison.generations().size());
        for (Generation generation : comparison.generations()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("sessionId", comparison.sessionId().value());
            meta.put("userMessageId", comparison.userMessageId());
            meta.put("messageId", generation.messageId());
            meta.putAll(choiceOf(generation.choice()));
            events.send("meta", meta);
        }
        for (Generation generation : comparison.generations()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("modelId", generation.choice().modelId());
            answer.put("messageId", generation.messageId());
            generation.watch(new Generation.Watcher() {
                private boolean connected = true;

                @Override
                public void thought(String text) {
                    sendTagged("thought", Map.of("text", text));
                }

                @Override
                public void delta(String text) {
                    sendTagged("delta", Map.of("text", text));
                }

                @Override
                public void done(Generation.Result result) {
                    whenReadable(generation, () -> {
                        Map<String, Object> data = new LinkedHashMap<>(answer);
                        data.put("message", result.message());
                        data.put("usage", result.usage());
                        data.putAll(choiceOf(generation.choice()));
                        ended(data, "done", result.balance());
                    });
                }

                @Override
                public void failed(Generation.Failure failure) {
                    whenReadable(generation, () -> {
                        Map<String, Object> data = new LinkedHashMap<>(answer);
                        data.put("code", failure.code());
                        data.put("message", failure.message());
                        if (failure.partial() != null) {
                            data.put("partial", failure.partial());
                        }
                        ended(data, "error", failure.balance());
                    });
                }

                private void sendTagged(String name, Map<String, Object> fields) {
                    Map<String, Object> data = new LinkedHashMap<>(answer);
                    data.putAll(fields);
                    if (connected && !events.send(name, data)) {
                        connected = false;
                    }
                }

                private void ended(Map<String, Object> data, String name, WalletBalance balance) {
                    ends.send(events, connected, name, data, balance,
                            newest -> readModels.requireUserWith(generation.ownerId(), newest));
                }
            });
        }
    }

    /**
     * The last events of a comparison's answers, sent one at a time. Each shows the wallet as the newest settlement
     * so far left it, whichever answer's that was, so the stream never ends on an older balance than it has shown.
     */
    private static final class ComparisonEnds {

        private int running;
        private WalletBalance newest;

        private ComparisonEnds(int answers) {
            this.running = answers;
        }

        synchronized void send(EventStream events, boolean connected, String name, Map<String, Object> data,
                               WalletBalance balance, Function<WalletBalance, Object> user) {
            if (balance != null && (newest == null || balance.version() > newest.version())) {
                newest = balance;
            }
            data.put("user", user.apply(newest));
            if (--running == 0) {
                events.finish(name, data);
            } else if (connected) {
                events.send(name, data);
            }
        }
    }

    /** An answer not generated here: sent whole when finished, else followed through its checkpoints. */
    public void replay(UserId owner, MessageView message, HttpServletRequest request, HttpServletResponse response) {
        EventStream events = EventStream.open(request, response, json);
        events.send("meta", Map.of("sessionId", message.sessionId(), "messageId", message.id()));
        turnExecutor.execute(() -> follow(events, owner, message));
    }

    private void follow(EventStream events, UserId owner, MessageView message) {
        long deadline = System.nanoTime() + properties.reservationTimeout().plus(properties.sweepInterval()).toNanos();
        int sent = 0;
        MessageView current = message;
        while (!current.finished() && System.nanoTime() < deadline) {
            String content = live.checkpoint(message.id()).content();
            if (content.length() > sent && !events.send("delta", Map.of("text", content.substring(sent)))) {
                return;
            }
            sent = Math.max(sent, content.length());
            sleep();
            current = queries.query(new FindMessageQuery(owner, message.id()),
                    ResponseTypes.optionalInstanceOf(MessageView.class)).join().orElse(current);
        }
        String content = current.content() == null ? "" : current.content();
        if (current.thoughts() != null && sent == 0) {
            events.send("thought", Map.of("text", current.thoughts()));
        }
        if (content.length() > sent) {
            events.send("delta", Map.of("text", content.substring(sent)));
        }
        if ("complete".equals(current.status())) {
            events.finish("done", doneEvent(current, current.usage(), readModels.requireUser(owner), Map.of()));
        } else {
            events.finish("error", errorEvent(current.errorCode() == null ? AnswerTimeouts.TIMEOUT
                    : current.errorCode(), current.errorMessage(), current, readModels.requireUser(owner)));
        }
    }

    /** Runs {@code send} now, or, on a shared database, once the read models show what the caller's turns wrote. */
    private void whenReadable(Generation generation, Runnable send) {
        if (database.shared()) {
            pendingReads.whenShown(generation.ownerId()).thenRunAsync(send, turnExecutor);
        } else {
            send.run();
        }
    }

    /** Which model answers, and whether auto mode picked it for the message's category. */
    public static Map<String, Object> choiceOf(ModelChoice choice) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("modelId", choice.modelId());
        fields.put("provider", choice.provider());
        fields.put("autoSelected", choice.autoSelected());
        fields.put("category", choice.category().toString());
        return fields;
    }

    private static Map<String, Object> doneEvent(MessageView message, Object usage, Object user,
                                                 Map<String, Object> choice) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("usage", usage);
        data.put("user", user);
        data.putAll(choice);
        return data;
    }

    private static Map<String, Object> errorEvent(String code, String message, MessageView partial, Object user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code);
        data.put("message", message);
        if (partial != null) {
            data.put("partial", partial);
        }
        if (user != null) {
            data.put("user", user);
        }
        return data;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
