package com.aipasta.projections.chat;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.ToolMessagePostedEvent;
import com.aipasta.chat.api.query.FollowSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.value.SessionId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chat read model sends to the subscriptions following a session. */
class ChatSessionProjectionTest {

    private static final UserId OWNER = new UserId("user-1");
    private static final SessionId SESSION = new SessionId("session-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private SimpleQueryUpdateEmitter updates;
    private ChatSessionProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        updates = SimpleQueryUpdateEmitter.builder().build();
        projection = new ChatSessionProjection(mongo, updates);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private List<MessageView> follow(UserId owner, SessionId session) {
        List<MessageView> received = new CopyOnWriteArrayList<>();
        updates.<MessageView>registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                        new FollowSessionQuery(owner, session), ResponseTypes.optionalInstanceOf(SessionSummary.class),
                        ResponseTypes.instanceOf(MessageView.class)), 16)
                .getUpdates().map(SubscriptionQueryUpdateMessage::getPayload).subscribe(received::add);
        return received;
    }

    private static ToolMessagePostedEvent toolMessage(String messageId) {
        return new ToolMessagePostedEvent(SESSION, OWNER, messageId, null, "echo", "builtin",
                "{\"tool\":\"echo\",\"provider\":\"builtin\",\"parameters\":{\"message\":\"hi\"},"
                        + "\"result\":{\"message\":\"hi\"}}", T);
    }

    @Test
    void sendsARecordedMessageAsStoredToTheOwnersSubscriptionsOfItsSessionOnly() {
        List<MessageView> followed = follow(OWNER, SESSION);
        List<MessageView> otherSession = follow(OWNER, new SessionId("session-2"));
        List<MessageView> otherUser = follow(new UserId("user-2"), SESSION);

        projection.on(toolMessage("msg-1"), 0, ReplayStatus.REGULAR);

        assertThat(followed).singleElement().satisfies(message -> {
            assertThat(message).isEqualTo(mongo.findById("msg-1", ChatMessageDocument.class).view());
            assertThat(message.role()).isEqualTo("tool");
            assertThat(message.sessionId()).isEqualTo(SESSION.value());
        });
        assertThat(otherSession).isEmpty();
        assertThat(otherUser).isEmpty();
    }

    @Test
    void sendsNothingDuringAReplay() {
        List<MessageView> followed = follow(OWNER, SESSION);

        projection.on(toolMessage("msg-1"), 0, ReplayStatus.REPLAY);

        assertThat(mongo.findById("msg-1", ChatMessageDocument.class)).isNotNull();
        assertThat(followed).isEmpty();
    }
}
