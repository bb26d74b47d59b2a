package com.aipasta.command.template;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.AccessState;
import com.aipasta.common.DomainException;
import com.aipasta.template.api.command.CreateTemplateCommand;
import com.aipasta.template.api.command.DeleteTemplateCommand;
import com.aipasta.template.api.command.ModerateTemplateCommand;
import com.aipasta.template.api.command.UpdateTemplateCommand;
import com.aipasta.template.api.command.UseTemplateCommand;
import com.aipasta.template.api.event.TemplateCreatedEvent;
import com.aipasta.template.api.event.TemplateDeletedEvent;
import com.aipasta.template.api.event.TemplateHiddenEvent;
import com.aipasta.template.api.event.TemplateUnhiddenEvent;
import com.aipasta.template.api.event.TemplateUpdatedEvent;
import com.aipasta.template.api.event.TemplateUsedEvent;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTest {

    private static final TemplateId TEMPLATE = new TemplateId("template-0123456789abcdef0123456789abcdef");
    private static final UserId OWNER = new UserId("user-owner");
    private static final UserId OTHER = new UserId("user-other");
    private static final UserId ADMIN = new UserId("user-admin");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final TemplateContent PRIVATE = content(false);
    private static final TemplateContent PUBLIC = content(true);
    private static final TemplateCreatedEvent CREATED_PRIVATE = new TemplateCreatedEvent(TEMPLATE, OWNER, PRIVATE,
            null, T);
    private static final TemplateCreatedEvent CREATED_PUBLIC = new TemplateCreatedEvent(TEMPLATE, OWNER, PUBLIC,
            null, T);

    private AggregateTestFixture<Template> fixture;
    private InMemoryEventStorageEngine accounts;
    private EmbeddedEventStore accountEvents;

    private static TemplateContent content(boolean isPublic) {
        return new TemplateContent("Reviewer", null, "a careful Java reviewer", null, "Review this code",
                null, "plain", null, List.of("correctness"), List.of(), false, isPublic, List.of("java"));
    }

    @BeforeEach
    void setUp() {
        accounts = new InMemoryEventStorageEngine();
        accountEvents = EmbeddedEventStore.builder().storageEngine(accounts).build();
        fixture = new AggregateTestFixture<>(Template.class);
        fixture.registerInjectableResource(new AccessState(accounts, accountEvents, 10));
        accounts.appendEvents(new GenericDomainEventMessage<>("UserAccount", OWNER.value(), 0,
                new UserRegisteredEvent(OWNER, "owner@example.com", "Owner", "hash", Role.USER, T)));
    }

    @AfterEach
    void tearDown() {
        accountEvents.shutDown();
    }

    @Test
    void createsATemplateWithItsContent() {
        fixture.givenNoPriorActivity()
                .when(new CreateTemplateCommand(TEMPLATE, OWNER, PRIVATE, null, T))
                .expectEvents(CREATED_PRIVATE);
    }

    @Test
    void itsOwnerUpdatesIt() {
        fixture.given(CREATED_PRIVATE)
                .when(new UpdateTemplateCommand(TEMPLATE, OWNER, PUBLIC, T.plusSeconds(1)))
                .expectEvents(new TemplateUpdatedEvent(TEMPLATE, OWNER, PUBLIC, T.plusSeconds(1)))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theSameContentAgainRecordsNothing() {
        fixture.given(CREATED_PRIVATE)
                .when(new UpdateTemplateCommand(TEMPLATE, OWNER, content(false), T.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void anotherUserCannotUpdateOrDeleteItAndFindsNoSuchTemplate() {
        fixture.given(CREATED_PUBLIC)
                .when(new UpdateTemplateCommand(TEMPLATE, OTHER, PRIVATE, T))
                .expectNoEvents()
                .expectExceptionMessage("No such template");
        fixture.given(CREATED_PUBLIC)
                .when(new DeleteTemplateCommand(TEMPLATE, OTHER, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aDeletedTemplateIsGoneForItsOwnerToo() {
        fixture.given(CREATED_PUBLIC, new TemplateDeletedEvent(TEMPLATE, OWNER, T))
                .when(new UseTemplateCommand(TEMPLATE, OWNER, null, null, T))
                .expectNoEvents()
                .expectExceptionMessage("No such template");
        fixture.given(CREATED_PUBLIC, new TemplateDeletedEvent(TEMPLATE, OWNER, T))
                .when(new DeleteTemplateCommand(TEMPLATE, OWNER, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void usingItRecordsTheUseAndAnswersTheComposedPrompt() {
        fixture.given(CREATED_PUBLIC)
                .when(new UseTemplateCommand(TEMPLATE, OTHER, "class A {}", "session-1", T))
                .expectEvents(new TemplateUsedEvent(TEMPLATE, OWNER, OTHER, "session-1", T))
                .expectResultMessagePayload(TemplatePrompt.compose(PUBLIC, "class A {}"));
    }

    @Test
    void aPrivateTemplateIsUsableByItsOwnerOnly() {
        fixture.given(CREATED_PRIVATE)
                .when(new UseTemplateCommand(TEMPLATE, OWNER, null, null, T))
                .expectEvents(new TemplateUsedEvent(TEMPLATE, OWNER, OWNER, null, T));
        fixture.given(CREATED_PRIVATE)
                .when(new UseTemplateCommand(TEMPLATE, OTHER, null, null, T))
                .expectNoEvents()
                .expectExceptionMessage("No such template");
    }

    @Test
    void aHiddenTemplateIsUsableByItsOwnerOnlyUntilShownAgain() {
        TemplateHiddenEvent hidden = new TemplateHiddenEvent(TEMPLATE, OWNER, ADMIN, "spam", T);
        fixture.given(CREATED_PUBLIC, hidden)
                .when(new UseTemplateCommand(TEMPLATE, OTHER, null, null, T))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(CREATED_PUBLIC, hidden)
                .when(new UseTemplateCommand(TEMPLATE, OWNER, null, null, T))
                .expectEvents(new TemplateUsedEvent(TEMPLATE, OWNER, OWNER, null, T));
        fixture.given(CREATED_PUBLIC, hidden, new TemplateUnhiddenEvent(TEMPLATE, OWNER, ADMIN, null, T))
                .when(new UseTemplateCommand(TEMPLATE, OTHER, null, null, T))
                .expectEvents(new TemplateUsedEvent(TEMPLATE, OWNER, OTHER, null, T));
    }

    @Test
    void aDeletedAccountsTemplateIsNoLongerUsableNorModerated() {
        accounts.appendEvents(new GenericDomainEventMessage<>("UserAccount", OWNER.value(), 1,
                new UserDeletedEvent(OWNER, ADMIN, T)));
        fixture.given(CREATED_PUBLIC)
                .when(new UseTemplateCommand(TEMPLATE, OTHER, null, null, T))
                .expectNoEvents()
                .expectExceptionMessage("No such template");
        fixture.given(CREATED_PUBLIC)
                .when(new ModerateTemplateCommand(TEMPLATE, ADMIN, true, "spam", T))
                .expectNoEvents()
                .expectExceptionMessage("No such template");
    }

    @Test
    void administratorsHideAndShowItAndRepeatsRecordNothing() {
        fixture.given(CREATED_PUBLIC)
                .when(new ModerateTemplateCommand(TEMPLATE, ADMIN, true, "spam", T))
                .expectEvents(new TemplateHiddenEvent(TEMPLATE, OWNER, ADMIN, "spam", T));
        fixture.given(CREATED_PUBLIC, new TemplateHiddenEvent(TEMPLATE, OWNER, ADMIN, "spam", T))
                .when(new ModerateTemplateCommand(TEMPLATE, ADMIN, true, "again", T))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(CREATED_PUBLIC, new TemplateHiddenEvent(TEMPLATE, OWNER, ADMIN, "spam", T))
                .when(new ModerateTemplateCommand(TEMPLATE, ADMIN, false, null, T))
                .expectEvents(new TemplateUnhiddenEvent(TEMPLATE, OWNER, ADMIN, null, T));
        fixture.given(CREATED_PUBLIC)
                .when(new ModerateTemplateCommand(TEMPLATE, ADMIN, false, null, T))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void contentIsCheckedFieldByField() {
        assertThat(invalidField(() -> content("", "x"))).isEqualTo("name");
        assertThat(invalidField(() -> content("a".repeat(101), "x"))).isEqualTo("name");
        assertThat(invalidField(() -> content("Name", " "))).isEqualTo("instruction");
        assertThat(invalidField(() -> new TemplateContent("n", "d".repeat(501), null, null, "i", null, null, null,
                null, null, false, false, null))).isEqualTo("description");
        assertThat(invalidField(() -> new TemplateContent("n", null, null, null, "i", null, "t".repeat(201), null,
                null, null, false, false, null))).isEqualTo("tone");
        assertThat(invalidField(() -> new TemplateContent("n", null, null, null, "i", null, null, null,
                java.util.Collections.nCopies(21, "p"), null, false, false, null))).isEqualTo("thinkingPoints");
        assertThat(invalidField(() -> new TemplateContent("n", null, null, null, "i", null, null, null, null,
                List.of(" "), false, false, null))).isEqualTo("warnings");
        assertThat(invalidField(() -> new TemplateContent("n", null, null, null, "i", null, null, null, null, null,
                false, false, List.of("no spaces")))).isEqualTo("tags");
        assertThat(new TemplateContent(" n ", " ", null, null, "i", null, null, null, null, null, false, false,
                List.of("Java", "java ", "SQL")).tags()).containsExactly("java", "sql");
    }

    private static TemplateContent content(String name, String instruction) {
        return new TemplateContent(name, null, null, null, instruction, null, null, null, null, null, false, false,
                null);
    }

    private static String invalidField(Runnable creation) {
        try {
            creation.run();
        } catch (DomainException refused) {
            return refused.details().keySet().iterator().next();
        }
        throw new AssertionError("accepted");
    }
}
