package com.aipasta.ops.leaderboard;

import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.ops.PlatformTest;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before answers had a category still read, with none; everything downstream takes them as general. */
class OlderEventsTest extends PlatformTest {

    private static final String STARTED_WITHOUT_CATEGORY = """
            {"sessionId":{"value":"session-1"},"ownerId":{"value":"user-1"},"messageId":"msg-2",\
            "parentId":"msg-1","model":{"modelId":"local/llama3.2","provider":"local"},\
            "walletId":{"value":"wallet-user-1"},"reservedTokens":1100,"startedAt":"2026-01-01T00:00:00Z"}""";

    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;

    @Test
    void anAnswerStartedBeforeCategoriesReadsWithoutOne() {
        AssistantMessageStartedEvent started = events.deserialize(new SimpleSerializedObject<>(
                STARTED_WITHOUT_CATEGORY, String.class, AssistantMessageStartedEvent.class.getName(), "1"));

        assertThat(started.messageId()).isEqualTo("msg-2");
        assertThat(started.reservedTokens()).isEqualTo(1100);
        assertThat(started.category()).isNull();
    }
}
