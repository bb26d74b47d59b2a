package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.command.http.DatabaseSharing;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

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

    public TurnStreams(LiveGenerations live, ReadModels readModels, QueryGateway queries, ChatProperties properties,
                       @Qualifier("turnExecutor") Executor turnExecutor, PendingReads pendingReads,
                       DatabaseSharing database) {
        this.live = live;
        this.readModels = readModels;
        this.queries = queries;
        this.properties = properties;
        this.turnExecutor = turnExecutor;
        this.pendingReads = pendingReads;
        this.database = database;
    }

    public SseEmitter stream(Generation generation) {
        SseEmitter emitter = new SseEmitter(0L);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sessionId", generation.sessionId().value());
        meta.put("messageId", generation.messageId());
        meta.putAll(choiceOf(generation.choice()));
        send(emitter, "meta", meta);
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
                whenReadable(generation, () -> finish(emitter, doneEvent(result.message(), result.usage(),
                        readModels.requireUserWith(generation.ownerId(), result.balance()),
                        choiceOf(generation.choice()))));
            }

            @Override
            public void failed(Generation.Failure failure) {
                whenReadable(generation, () -> finish(emitter, errorEvent(failure.code(), failure.message(),
                        failure.partial(), readModels.requireUserWith(generation.ownerId(), failure.balance()))));
            }

            private void sendOrLeave(String name, Object data) {
                if (!send(emitter, name, data)) {
                    generation.unwatch(this);
                }
            }
        };
        emitter.onCompletion(() -> generation.unwatch(watcher));
        emitter.onError(failure -> generation.unwatch(watcher));
        generation.watch(watcher);
        return emitter;
    }

    /**
     * The answers of a comparison multiplexed on one stream: a {@code meta} for each, then their {@code thought},
     * {@code delta}, {@code done} and {@code error} events as they come, each naming its {@code modelId} and
     * {@code messageId}; the stream ends once every answer has ended.
     */
    public SseEmitter stream(ChatTurns.Comparison comparison) {
        SseEmitter emitter = new SseEmitter(0L);
        AtomicInteger running = new AtomicInteger(comparison.generations().size());
        for (Generation generation : comparison.generations()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("sessionId", comparison.sessionId().value());
            meta.put("userMessageId", comparison.userMessageId());
            meta.put("messageId", generation.messageId());
            meta.putAll(choiceOf(generation.choice()));
            send(emitter, "meta", meta);
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
                        data.put("user", readModels.requireUserWith(generation.ownerId(), result.balance()));
                        data.putAll(choiceOf(generation.choice()));
                        ended(data, "done");
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
                        data.put("user", readModels.requireUserWith(generation.ownerId(), failure.balance()));
                        ended(data, "error");
                    });
                }

                private void sendTagged(String name, Map<String, Object> fields) {
                    Map<String, Object> data = new LinkedHashMap<>(answer);
                    data.putAll(fields);
                    if (connected && !send(emitter, name, data)) {
                        connected = false;
                    }
                }

                private void ended(Map<String, Object> data, String name) {
                    if (connected) {
                        send(emitter, name, data);
                    }
                    if (running.decrementAndGet() == 0) {
                        emitter.complete();
                    }
                }
            });
        }
        return emitter;
    }

    /** An answer not generated here: sent whole when finished, else followed through its checkpoints. */
    public SseEmitter replay(UserId owner, MessageView message) {
        SseEmitter emitter = new SseEmitter(0L);
        send(emitter, "meta", Map.of("sessionId", message.sessionId(), "messageId", message.id()));
        turnExecutor.execute(() -> follow(emitter, owner, message));
        return emitter;
    }

    private void follow(SseEmitter emitter, UserId owner, MessageView message) {
        long deadline = System.nanoTime() + properties.reservationTimeout().plus(properties.sweepInterval()).toNanos();
        int sent = 0;
        MessageView current = message;
        while (!current.finished() && System.nanoTime() < deadline) {
            String content = live.checkpoint(message.id()).content();
            if (content.length() > sent && !send(emitter, "delta", Map.of("text", content.substring(sent)))) {
                return;
            }
            sent = Math.max(sent, content.length());
            sleep();
            current = queries.query(new FindMessageQuery(owner, message.id()),
                    ResponseTypes.optionalInstanceOf(MessageView.class)).join().orElse(current);
        }
        String content = current.content() == null ? "" : current.content();
        if (current.thoughts() != null && sent == 0) {
            send(emitter, "thought", Map.of("text", current.thoughts()));
        }
        if (content.length() > sent) {
            send(emitter, "delta", Map.of("text", content.substring(sent)));
        }
        if ("complete".equals(current.status())) {
            finish(emitter, doneEvent(current, current.usage(), readModels.requireUser(owner), Map.of()));
        } else {
            finish(emitter, errorEvent(current.errorCode() == null ? AnswerTimeouts.TIMEOUT : current.errorCode(),
                    current.errorMessage(), current, readModels.requireUser(owner)));
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

    private static SseEmitter.SseEventBuilder doneEvent(MessageView message, Object usage, Object user,
                                                        Map<String, Object> choice) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("usage", usage);
        data.put("user", user);
        data.putAll(choice);
        return SseEmitter.event().name("done").data(data, MediaType.APPLICATION_JSON);
    }

    private static SseEmitter.SseEventBuilder errorEvent(String code, String message, MessageView partial, Object user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code);
        data.put("message", message);
        if (partial != null) {
            data.put("partial", partial);
        }
        if (user != null) {
            data.put("user", user);
        }
        return SseEmitter.event().name("error").data(data, MediaType.APPLICATION_JSON);
    }

    private static void finish(SseEmitter emitter, SseEmitter.SseEventBuilder last) {
        try {
            emitter.send(last);
            emitter.complete();
        } catch (IOException | IllegalStateException clientGone) {
            emitter.completeWithError(clientGone);
        }
    }

    /** Answers false when the client has gone; the answer goes on without it. */
    private static boolean send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException clientGone) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
