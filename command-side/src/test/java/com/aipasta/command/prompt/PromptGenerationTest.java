package com.aipasta.command.prompt;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.common.DomainException;
import com.aipasta.prompt.api.command.RatePromptGenerationCommand;
import com.aipasta.prompt.api.command.RecordFailedPromptGenerationCommand;
import com.aipasta.prompt.api.command.RecordGeneratedPromptCommand;
import com.aipasta.prompt.api.event.PromptGeneratedEvent;
import com.aipasta.prompt.api.event.PromptGenerationFailedEvent;
import com.aipasta.prompt.api.event.PromptGenerationRatedEvent;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptGenerationTest {

    private static final PromptGenerationId ID = new PromptGenerationId("promptgen-0123456789abcdef0123456789abcdef");
    private static final UserId OWNER = new UserId("user-owner");
    private static final UserId OTHER = new UserId("user-other");
    private static final ModelRef MODEL = new ModelRef("local/llama3.2", "local");
    private static final TokenCount USAGE = TokenCount.of(40, 20);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PromptGeneratedEvent GENERATED = new PromptGeneratedEvent(ID, OWNER, "haiku rain",
            "Write a haiku about rain.", PromptCategory.WRITING, List.of("named the form"), MODEL, USAGE, T);
    private static final PromptGenerationFailedEvent FAILED = new PromptGenerationFailedEvent(ID, OWNER, "haiku rain",
            MODEL, "PROMPT_GENERATOR_BAD_ANSWER", USAGE, T);

    private AggregateTestFixture<PromptGeneration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PromptGeneration.class);
    }

    @Test
    void recordsAGeneratedPromptAndAFailure() {
        fixture.givenNoPriorActivity()
                .when(new RecordGeneratedPromptCommand(ID, OWNER, "haiku rain", "Write a haiku about rain.",
                        PromptCategory.WRITING, List.of("named the form"), MODEL, USAGE, T))
                .expectEvents(GENERATED);
        fixture.givenNoPriorActivity()
                .when(new RecordFailedPromptGenerationCommand(ID, OWNER, "haiku rain", MODEL,
                        "PROMPT_GENERATOR_BAD_ANSWER", USAGE, T))
                .expectEvents(FAILED);
    }

    @Test
    void itsOwnerRatesItAndTheSameRatingAgainRecordsNothing() {
        fixture.given(GENERATED)
                .when(new RatePromptGenerationCommand(ID, OWNER, 4, T))
                .expectEvents(new PromptGenerationRatedEvent(ID, OWNER, 4, T));
        fixture.given(GENERATED, new PromptGenerationRatedEvent(ID, OWNER, 4, T))
                .when(new RatePromptGenerationCommand(ID, OWNER, 4, T.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
        fixture.given(GENERATED, new PromptGenerationRatedEvent(ID, OWNER, 4, T))
                .when(new RatePromptGenerationCommand(ID, OWNER, 2, T.plusSeconds(1)))
                .expectEvents(new PromptGenerationRatedEvent(ID, OWNER, 2, T.plusSeconds(1)));
    }

    @Test
    void anotherUserCannotRateItAndAFailedRunCannotBeRated() {
        fixture.given(GENERATED)
                .when(new RatePromptGenerationCommand(ID, OTHER, 4, T))
                .expectNoEvents()
                .expectExceptionMessage("No such prompt generation");
        fixture.given(FAILED)
                .when(new RatePromptGenerationCommand(ID, OWNER, 4, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aRatingOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> new RatePromptGenerationCommand(ID, OWNER, 6, T))
                .isInstanceOfSatisfying(DomainException.class,
                        refused -> assertThat(refused.details()).containsKey("rating"));
        assertThatThrownBy(() -> new RatePromptGenerationCommand(ID, OWNER, 0, T))
                .isInstanceOf(DomainException.class);
    }
}
