package com.aipasta.projections.share;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.SessionDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionShareRevokedEvent;
import com.aipasta.chat.api.event.SessionSharedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.query.SharedSessionView.SharedMessage;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.wallet.api.value.WalletId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedSessionProjectionTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final ModelRef MODEL = new ModelRef("local/llama3.2", "local");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private EmbeddedEventStore events;
    private SharedSessionProjection projection;
    private final List<Object> session = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        projection = new SharedSessionProjection(mongo, events);
    }

    @AfterEach
    void tearDown() {
        events.shutDown();
        client.close();
        server.shutdownNow();
    }

    /** Appends an event of the session and answers its sequence number. */
    private long append(Object event) {
        long sequence = session.size();
        session.add(event);
        events.publish(new GenericDomainEventMessage<>("ChatSession", SESSION.value(), sequence, event));
        return sequence;
    }

    private void question(String id, String parent, String text, int second) {
        append(new UserMessagePostedEvent(SESSION, OWNER, id, parent, text, T.plusSeconds(second)));
    }

    private void answer(String id, String parent, String text, int second) {
        append(new AssistantMessageStartedEvent(SESSION, OWNER, id, parent, MODEL, WalletId.of(OWNER), 100,
                T.plusSeconds(second), PromptCategory.GENERAL, 10L));
        append(new AssistantMessageCompletedEvent(SESSION, OWNER, id, MODEL, text, "thinking", TokenCount.of(10, 5),
                "stop", 100, 10, Cost.ZERO, T.plusSeconds(second + 1)));
    }

    private SharedSessionDocument share(String shareId, String displayName) {
        SessionSharedEvent shared = new SessionSharedEvent(SESSION, OWNER, shareId, displayName, T.plusSeconds(100));
        long sequence = append(shared);
        projection.on(shared, sequence);
        return mongo.findById(shareId, SharedSessionDocument.class);
    }

    @Test
    void theSnapshotIsTheCurrentBranchAtTheShareAndLaterEventsDoNotChangeIt() {
        append(new SessionStartedEvent(SESSION, OWNER, "First title", "secret instruction", "local/llama3.2", T));
        question("u1", null, "Question one", 1);
        answer("a1", "u1", "Answer one", 2);
        question("u2", "a1", "Edited away", 4);
        answer("a2", "u2", "Old branch answer", 5);
        question("u3", "a1", "Question two", 7);
        answer("a3", "u3", "", 8);
        append(new AssistantMessageStartedEvent(SESSION, OWNER, "a4", "u3", MODEL, WalletId.of(OWNER), 100,
                T.plusSeconds(10), PromptCategory.GENERAL, 10L));
        append(new AssistantMessageFailedEvent(SESSION, OWNER, "a4", MODEL, "Partial answer", null,
                TokenCount.of(10, 2), "PROVIDER_CONNECTION", "cut", Cost.ZERO, T.plusSeconds(11)));
        append(new SessionRenamedEvent(SESSION, OWNER, "Renamed", T.plusSeconds(12)));

        SharedSessionDocument snapshot = share("share-1", "Ada");

        assertThat(snapshot.title()).isEqualTo("Renamed");
        assertThat(snapshot.displayName()).isEqualTo("Ada");
        assertThat(snapshot.ownerId()).isEqualTo(OWNER.value());
        assertThat(snapshot.messages()).containsExactly(
                new SharedMessage("user", "Question one", null, T.plusSeconds(1)),
                new SharedMessage("assistant", "Answer one", MODEL.modelId(), T.plusSeconds(2)),
                new SharedMessage("user", "Question two", null, T.plusSeconds(7)),
                new SharedMessage("assistant", "Partial answer", MODEL.modelId(), T.plusSeconds(10)));

        question("u5", "a4", "After the share", 200);
        append(new MessageDeletedEvent(SESSION, "a1", T.plusSeconds(201)));
        SessionSharedEvent again = (SessionSharedEvent) session.get(session.size() - 3);
        projection.on(again, session.size() - 3);
        assertThat(mongo.findById("share-1", SharedSessionDocument.class)).isEqualTo(snapshot);

        projection.reset();
        projection.on(again, session.size() - 3);
        assertThat(mongo.findById("share-1", SharedSessionDocument.class)).isEqualTo(snapshot);
    }

    @Test
    void aDeletedLeafMovesTheBranchToItsParent() {
        append(new SessionStartedEvent(SESSION, OWNER, "Title", null, null, T));
        question("u1", null, "Kept", 1);
        answer("a1", "u1", "Kept answer", 2);
        question("u2", "a1", "Deleted", 4);
        append(new MessageDeletedEvent(SESSION, "u2", T.plusSeconds(5)));

        assertThat(share("share-1", null).messages()).extracting(SharedMessage::content)
                .containsExactly("Kept", "Kept answer");
    }

    @Test
    void revokingDeletingTheSessionOrTheAccountRemovesTheSnapshot() {
        append(new SessionStartedEvent(SESSION, OWNER, "Title", null, null, T));
        question("u1", null, "Hello", 1);
        share("share-1", null);
        projection.on(new SessionShareRevokedEvent(SESSION, OWNER, "share-1", T.plusSeconds(101)));
        assertThat(mongo.findById("share-1", SharedSessionDocument.class)).isNull();

        share("share-2", null);
        projection.on(new SessionDeletedEvent(SESSION, T.plusSeconds(102)));
        assertThat(mongo.findById("share-2", SharedSessionDocument.class)).isNull();

        share("share-3", null);
        projection.on(new UserDeletedEvent(new UserId("user-other"), new UserId("admin"), T.plusSeconds(103)));
        assertThat(mongo.findById("share-3", SharedSessionDocument.class)).isNotNull();
        projection.on(new UserDeletedEvent(OWNER, new UserId("admin"), T.plusSeconds(103)));
        assertThat(mongo.findById("share-3", SharedSessionDocument.class)).isNull();
    }
}
