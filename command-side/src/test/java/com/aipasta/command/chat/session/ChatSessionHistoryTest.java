package com.aipasta.command.chat.session;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.event.SessionSettingsChangedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.common.DomainException;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conversation a session gives the next answer, from its events, and the same from a snapshot of it read back
 * through the platform's JSON serializer.
 */
class ChatSessionHistoryTest {

    private static final SessionId SESSION = new SessionId("session-1");
    private static final UserId OWNER = new UserId("user-1");
    private static final WalletId WALLET = WalletId.of(OWNER);
    private static final ModelRef MODEL = new ModelRef("local/llama", "local");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final int WHOLE = 100;
    private static final Predicate<SessionHistory.Message> ALL = message -> false;

    /** Configured as Spring Boot configures the platform's object mapper (see application.yml). */
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build()).build();

    private static AssistantMessageStartedEvent answering(String id, String parent) {
        return new AssistantMessageStartedEvent(SESSION, OWNER, id, parent, MODEL, WALLET, 100, T,
                PromptCategory.GENERAL, 10L);
    }

    private static ChatSession session() {
        ChatSession session = new ChatSession();
        session.on(new SessionStartedEvent(SESSION, OWNER, "Hello", "Be brief", "local/llama", T));
        session.on(new UserMessagePostedEvent(SESSION, OWNER, "u1", null, "First", T));
        session.on(answering("a1", "u1"));
        session.on(new AssistantMessageCompletedEvent(SESSION, OWNER, "a1", MODEL, "One", null, TokenCount.of(1, 1),
                "stop", 10, 5, Cost.ZERO, T));
        session.on(new MessageRatedEvent(SESSION, OWNER, "a1", MODEL, PromptCategory.GENERAL, Vote.UP, null, T));
        session.on(new UserMessagePostedEvent(SESSION, OWNER, "u2", "a1", "Second", T));
        session.on(answering("a2", "u2"));
        session.on(new AssistantMessageFailedEvent(SESSION, OWNER, "a2", MODEL, "Part", null, TokenCount.of(1, 1),
                "PROVIDER_CONNECTION", "cut", Cost.ZERO, T));
        session.on(new UserMessagePostedEvent(SESSION, OWNER, "u2-edit", "a1", "Second, edited", T));
        session.on(answering("a3", "u2-edit"));
        session.on(new MessageDeletedEvent(SESSION, "a3", T));
        session.on(new SessionSettingsChangedEvent(SESSION, "local/other", null, T));
        return session;
    }

    private static List<String> texts(List<SessionHistory.Message> branch) {
        return branch.stream().map(message -> (message.fromUser() ? "user: " : "assistant: ") + message.content())
                .toList();
    }

    @Test
    void theActiveBranchIsTheLastWrittenOneWithoutDeletedMessages() {
        SessionHistory history = session().historyFor(OWNER, null, WHOLE, ALL);

        assertThat(history.systemInstruction()).isEqualTo("Be brief");
        assertThat(history.modelId()).isEqualTo("local/other");
        assertThat(texts(history.branch()))
                .containsExactly("user: First", "assistant: One", "user: Second, edited");
        assertThat(history.last().id()).isEqualTo("u2-edit");
        assertThat(texts(session().historyFor(OWNER, "a2", WHOLE, ALL).branch()))
                .containsExactly("user: First", "assistant: One", "user: Second", "assistant: Part");
        assertThat(texts(session().historyFor(OWNER, "a2", WHOLE, ALL).beforeLast()))
                .containsExactly("user: First", "assistant: One", "user: Second");
        assertThat(session().historyFor(OWNER, "u1", WHOLE, ALL).beforeLast()).isEmpty();
        assertThatThrownBy(() -> session().historyFor(OWNER, "a3", WHOLE, ALL)).isInstanceOf(DomainException.class)
                .hasMessage("No such message");
        assertThatThrownBy(() -> session().historyFor(OWNER, "nowhere", WHOLE, ALL))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> session().historyFor(new UserId("stranger"), null, WHOLE, ALL))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aMessageWhoseParentWasDeletedHasNoBranchBeforeIt() {
        ChatSession session = session();
        session.on(new MessageDeletedEvent(SESSION, "u2", T));

        SessionHistory history = session.historyFor(OWNER, "a2", WHOLE, ALL);

        assertThat(texts(history.branch())).containsExactly("user: First", "assistant: One", "assistant: Part");
        assertThatThrownBy(history::beforeLast).isInstanceOf(DomainException.class)
                .hasMessage("No such message in this session");
    }

    @Test
    void theWalkBackStopsAfterTheMessagesAskedForDeletedOnesIncluded() {
        ChatSession session = session();

        assertThat(texts(session.historyFor(OWNER, null, 2, ALL).branch()))
                .containsExactly("assistant: One", "user: Second, edited");
        assertThat(texts(session.historyFor(OWNER, "a2", 3, ALL).branch()))
                .containsExactly("assistant: One", "user: Second", "assistant: Part");
        assertThat(texts(session.historyFor(OWNER, "a2", 3, ALL).beforeLast()))
                .containsExactly("assistant: One", "user: Second");

        session.on(new MessageDeletedEvent(SESSION, "u2", T));
        assertThat(texts(session.historyFor(OWNER, "a2", 2, ALL).branch())).containsExactly("assistant: Part");
    }

    @Test
    void theWalkBackStopsAtTheMessageThatMakesEnough() {
        List<String> told = new ArrayList<>();
        SessionHistory history = session().historyFor(OWNER, null, WHOLE, message -> {
            told.add(message.id());
            return message.id().equals("a1");
        });

        assertThat(told).containsExactly("u2-edit", "a1");
        assertThat(texts(history.branch())).containsExactly("assistant: One", "user: Second, edited");
    }

    @Test
    void aSessionReadBackFromItsSnapshotGivesTheSameConversation() {
        SerializedObject<String> snapshot = SERIALIZER.serialize(session(), String.class);
        ChatSession restored = SERIALIZER.deserialize(snapshot);

        SessionHistory history = restored.historyFor(OWNER, null, WHOLE, ALL);
        assertThat(history.systemInstruction()).isEqualTo("Be brief");
        assertThat(history.modelId()).isEqualTo("local/other");
        assertThat(texts(history.branch()))
                .containsExactly("user: First", "assistant: One", "user: Second, edited");
        assertThat(texts(restored.historyFor(OWNER, "a2", WHOLE, ALL).branch()))
                .containsExactly("user: First", "assistant: One", "user: Second", "assistant: Part");
        assertThatThrownBy(() -> restored.historyFor(OWNER, "a3", WHOLE, ALL)).isInstanceOf(DomainException.class);
    }
}
