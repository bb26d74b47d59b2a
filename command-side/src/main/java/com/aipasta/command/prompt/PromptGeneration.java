package com.aipasta.command.prompt;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.prompt.api.command.RatePromptGenerationCommand;
import com.aipasta.prompt.api.command.RecordFailedPromptGenerationCommand;
import com.aipasta.prompt.api.command.RecordGeneratedPromptCommand;
import com.aipasta.prompt.api.event.PromptGeneratedEvent;
import com.aipasta.prompt.api.event.PromptGenerationFailedEvent;
import com.aipasta.prompt.api.event.PromptGenerationRatedEvent;
import com.aipasta.prompt.api.value.PromptGenerationId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One run of the prompt generator: what it made of an idea, or how it failed, and its owner's rating. */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class PromptGeneration {

    /** A generated prompt, for saving it as a template. */
    public record GeneratedPrompt(String prompt, PromptCategory category) {
    }

    @AggregateIdentifier
    private PromptGenerationId generationId;
    private UserId ownerId;
    private String prompt;
    private PromptCategory category;
    private Integer rating;

    protected PromptGeneration() {
    }

    @CommandHandler
    public PromptGeneration(RecordGeneratedPromptCommand command) {
        apply(new PromptGeneratedEvent(command.generationId(), command.ownerId(), command.input(), command.prompt(),
                command.category(), command.improvements(), command.model(), command.usage(),
                command.generatedAt()));
    }

    @CommandHandler
    public PromptGeneration(RecordFailedPromptGenerationCommand command) {
        apply(new PromptGenerationFailedEvent(command.generationId(), command.ownerId(), command.input(),
                command.model(), command.errorCode(), command.usage(), command.failedAt()));
    }

    /** Answers with the generation's version; the rating it already has records nothing. */
    @CommandHandler
    public long handle(RatePromptGenerationCommand command) {
        generatedPromptFor(command.ownerId());
        if (rating == null || rating != command.rating()) {
            apply(new PromptGenerationRatedEvent(generationId, ownerId, command.rating(), command.ratedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** The prompt generated, for its owner only (404 for anyone else); 409 when the generation failed. */
    public GeneratedPrompt generatedPromptFor(UserId caller) {
        if (!ownerId.equals(caller)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such prompt generation");
        }
        if (prompt == null) {
            throw new DomainException(ErrorCode.CONFLICT, "This prompt generation failed and has no prompt");
        }
        return new GeneratedPrompt(prompt, category);
    }

    @EventSourcingHandler
    void on(PromptGeneratedEvent event) {
        generationId = event.generationId();
        ownerId = event.ownerId();
        prompt = event.prompt();
        category = event.category();
    }

    @EventSourcingHandler
    void on(PromptGenerationFailedEvent event) {
        generationId = event.generationId();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(PromptGenerationRatedEvent event) {
        rating = event.rating();
    }
}
