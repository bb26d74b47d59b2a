package com.aipasta.query.chat;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session's live event stream: {@code session} with the session as it is when the stream opens (from then on
 * nothing recorded in it is missed), then a {@code message} event for each message recorded in it or changing
 * status, as the read model holds it — the caller's turns, tool messages and answers started by a plugin's
 * asynchronous send, answers from any client. A comment line every {@code CHAT_EVENTS_HEARTBEAT} keeps an idle stream
 * open and finds a client that left; the stream ends when the client leaves. Without Axon Server, updates reach only
 * streams opened on the node whose read model recorded the message.
 */
@RestController
@EnableConfigurationProperties(SessionEventsProperties.class)
public class SessionEventsController {

    private static final Duration INITIAL_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final QueryGateway queries;
    private final SessionEventsProperties properties;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-events-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public SessionEventsController(QueryGateway queries, SessionEventsProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    @GetMapping("/api/chat/sessions/{sessionId}/events")
    public SseEmitter events(Authentication caller, @PathVariable String sessionId) {
        SubscriptionQueryResult<Optional<SessionSummary>, MessageView> followed = queries.subscriptionQuery(
                new FollowSessionQuery(new UserId(caller.getName()), new SessionId(sessionId)),
                ResponseTypes.optionalInstanceOf(SessionSummary.class), ResponseTypes.instanceOf(MessageView.class));
        Optional<SessionSummary> session;
        try {
            session = followed.initialResult().block(INITIAL_ANSWER_TIMEOUT);
        } catch (RuntimeException failed) {
            followed.close();
            throw failed;
        }
        if (session == null || session.isEmpty()) {
            followed.close();
            throw new DomainException(ErrorCode.NOT_FOUND, "No such session");
        }
        return new Stream(followed, session.get()).emitter;
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /** One open stream; whichever of the client leaving, a failed write or the end of updates comes first ends it. */
    private final class Stream {

        private final SseEmitter emitter = new SseEmitter(0L);
        private final SubscriptionQueryResult<?, MessageView> followed;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile ScheduledFuture<?> heartbeat;
        private volatile Disposable updates;

        Stream(SubscriptionQueryResult<?, MessageView> followed, SessionSummary session) {
            this.followed = followed;
            emitter.onCompletion(this::end);
            emitter.onTimeout(this::end);
            emitter.onError(failure -> end());
            send(SseEmitter.event().name("session").data(session, MediaType.APPLICATION_JSON));
            long every = properties.heartbeat().toMillis();
            heartbeat = heartbeats.scheduleAtFixedRate(() -> send(SseEmitter.event().comment("heartbeat")), every,
                    every, TimeUnit.MILLISECONDS);
            updates = followed.updates().subscribe(
                    message -> send(SseEmitter.event().name("message").data(message, MediaType.APPLICATION_JSON)),
                    failure -> fail(),
                    this::fail);
            if (ended.get()) {
                release();
            }
        }

        /** Writes come from the update and heartbeat threads; the emitter takes one at a time. */
        private synchronized void send(SseEmitter.SseEventBuilder event) {
            if (ended.get()) {
                return;
            }
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException clientGone) {
                fail();
            }
        }

        private void fail() {
            end();
            emitter.complete();
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                release();
            }
        }

        /** Safe to repeat: the stream may end while it is still being opened. */
        private void release() {
            ScheduledFuture<?> beating = heartbeat;
            if (beating != null) {
                beating.cancel(false);
            }
            Disposable following = updates;
            if (following != null) {
                following.dispose();
            }
            followed.close();
        }
    }
}
