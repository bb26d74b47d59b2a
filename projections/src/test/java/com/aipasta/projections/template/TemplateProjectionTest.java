package com.aipasta.projections.template;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.value.UserId;
import com.aipasta.template.api.event.TemplateCreatedEvent;
import com.aipasta.template.api.event.TemplateDeletedEvent;
import com.aipasta.template.api.event.TemplateHiddenEvent;
import com.aipasta.template.api.event.TemplateUnhiddenEvent;
import com.aipasta.template.api.event.TemplateUpdatedEvent;
import com.aipasta.template.api.event.TemplateUsedEvent;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateProjectionTest {

    private static final TemplateId TEMPLATE = new TemplateId("template-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final UserId USER = new UserId("user-2");
    private static final UserId ADMIN = new UserId("admin");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private TemplateProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "projection-test");
        projection = new TemplateProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static TemplateContent content(String name, boolean isPublic) {
        return new TemplateContent(name, null, null, null, "Do it", null, null, null, null, null, false, isPublic,
                List.of("tag"));
    }

    private TemplateDocument document() {
        return mongo.findById(TEMPLATE.value(), TemplateDocument.class);
    }

    /** The template's events in order, each with its sequence number. */
    private void history() {
        projection.on(new TemplateCreatedEvent(TEMPLATE, OWNER, content("One", true), null, T), 0);
        projection.on(new TemplateUsedEvent(TEMPLATE, OWNER, USER, null, T), 1);
        projection.on(new TemplateUsedEvent(TEMPLATE, OWNER, OWNER, "session-1", T), 2);
        projection.on(new TemplateHiddenEvent(TEMPLATE, OWNER, ADMIN, "spam", T), 3);
        projection.on(new TemplateUpdatedEvent(TEMPLATE, OWNER, content("Two", true), T.plusSeconds(1)), 4);
    }

    @Test
    void usesAreCountedOnceWhateverIsDeliveredAgain() {
        history();
        TemplateDocument folded = document();
        assertThat(folded.uses()).isEqualTo(2);
        assertThat(folded.name()).isEqualTo("Two");
        assertThat(folded.hidden()).isTrue();
        assertThat(folded.listed()).isFalse();
        assertThat(folded.lastSequence()).isEqualTo(4);

        history();
        assertThat(document()).isEqualTo(folded);

        projection.reset();
        history();
        assertThat(document()).isEqualTo(folded);
    }

    @Test
    void listedIsPublicAndNotHidden() {
        history();
        projection.on(new TemplateUnhiddenEvent(TEMPLATE, OWNER, ADMIN, null, T), 5);
        assertThat(document().listed()).isTrue();
        projection.on(new TemplateUpdatedEvent(TEMPLATE, OWNER, content("Three", false), T.plusSeconds(2)), 6);
        assertThat(document().listed()).isFalse();
        assertThat(document().publicTemplate()).isFalse();
    }

    @Test
    void aDeletedTemplateAndADeletedAccountsTemplatesLeave() {
        history();
        projection.on(new TemplateDeletedEvent(TEMPLATE, OWNER, T));
        assertThat(document()).isNull();

        history();
        projection.on(new UserDeletedEvent(USER, ADMIN, T));
        assertThat(document()).isNotNull();
        projection.on(new UserDeletedEvent(OWNER, ADMIN, T));
        assertThat(document()).isNull();
    }
}
