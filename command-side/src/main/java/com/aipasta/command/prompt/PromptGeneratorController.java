package com.aipasta.command.prompt;

import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.config.AggregateReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.command.template.TemplateController;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.prompt.api.command.RatePromptGenerationCommand;
import com.aipasta.prompt.api.query.FindPromptGenerationQuery;
import com.aipasta.prompt.api.query.PromptGenerationView;
import com.aipasta.prompt.api.value.PromptGenerationId;
import com.aipasta.template.api.command.CreateTemplateCommand;
import com.aipasta.template.api.query.FindTemplateQuery;
import com.aipasta.template.api.query.TemplateView;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt generator over HTTP: a run answers with the structured prompt, or 502 (a provider failure,
 * {@code PROVIDER_ERROR}, or an answer in another format, {@code PROMPT_GENERATOR_BAD_ANSWER}, whose tokens were paid);
 * its history is the query side's.
 */
@RestController
public class PromptGeneratorController {

    public static final int INPUT_LENGTH = 10_000;
    private static final String DEFAULT_TEMPLATE_NAME = "Generated prompt";

    public record GenerateBody(@NotBlank @Size(max = INPUT_LENGTH) String input, @Size(max = 300) String modelId) {
    }

    public record FeedbackBody(@NotNull @Min(RatePromptGenerationCommand.LOWEST)
                               @Max(RatePromptGenerationCommand.HIGHEST) Integer rating) {
    }

    /** Fields of the template; the generated prompt is its instruction, its category its tag unless tags are given. */
    public record SaveBody(String name, String description, Boolean isPublic, List<String> tags) {
    }

    private final PromptGenerator generator;
    private final Repository<PromptGeneration> generations;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;

    public PromptGeneratorController(PromptGenerator generator, Repository<PromptGeneration> generations,
                                     CommandGateway commands, QueryGateway queries, ReadModels readModels,
                                     Clock clock) {
        this.generator = generator;
        this.generations = generations;
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    @PostMapping("/api/prompt-generator")
    public Map<String, Object> generate(@AuthenticationPrincipal AccessToken caller,
                                        @Valid @RequestBody GenerateBody body) {
        String modelId = body.modelId() == null || body.modelId().isBlank() ? null : body.modelId().strip();
        PromptGenerator.Outcome outcome = generator.generate(caller.userId(), body.input().strip(), modelId);
        readModels.await(outcome.id().value(), () -> find(caller, outcome.id()), shown -> true);
        if (outcome.balance() != null) {
            readModels.awaitWallet(caller.userId(), outcome.balance().version());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", outcome.id().value());
        answer.put("modelId", outcome.model().modelId());
        answer.put("provider", outcome.model().provider());
        answer.put("usage", outcome.usage());
        answer.put("user", readModels.requireUserWith(caller.userId(), outcome.balance()));
        if (outcome instanceof PromptGenerator.ProviderFailed failed) {
            answer.put("providerError", failed.code());
            throw new DomainException(ErrorCode.PROVIDER_ERROR, failed.message(), answer);
        }
        if (!(outcome instanceof PromptGenerator.Generated generated)) {
            throw new DomainException(ErrorCode.PROMPT_GENERATOR_BAD_ANSWER,
                    "The model's answer was not in the format asked for; its tokens were paid", answer);
        }
        answer.put("prompt", generated.answer().prompt());
        answer.put("category", generated.answer().category().toString());
        answer.put("improvements", generated.answer().improvements());
        return answer;
    }

    @PostMapping("/api/prompt-generator/{id}/feedback")
    public Map<String, PromptGenerationView> feedback(@AuthenticationPrincipal AccessToken caller,
                                                      @PathVariable String id,
                                                      @Valid @RequestBody FeedbackBody body) {
        PromptGenerationId generationId = generationId(id);
        long version = commands.sendAndWait(new RatePromptGenerationCommand(generationId, caller.userId(),
                body.rating(), clock.instant()));
        return Map.of("generation", readModels.await(generationId.value(), () -> find(caller, generationId),
                view -> view.version() >= version));
    }

    @PostMapping("/api/prompt-generator/{id}/save-as-template")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, TemplateView> saveAsTemplate(@AuthenticationPrincipal AccessToken caller,
                                                    @PathVariable String id,
                                                    @RequestBody(required = false) SaveBody body) {
        PromptGenerationId generationId = generationId(id);
        SaveBody request = body == null ? new SaveBody(null, null, null, null) : body;
        PromptGeneration.GeneratedPrompt generated = generatedPrompt(caller, generationId);
        TemplateContent content = new TemplateContent(
                request.name() == null || request.name().isBlank() ? DEFAULT_TEMPLATE_NAME : request.name(),
                request.description(), null, null, generated.prompt(), null, null, null, null, null, false,
                Boolean.TRUE.equals(request.isPublic()),
                request.tags() == null ? List.of(generated.category().toString()) : request.tags());
        TemplateId templateId = TemplateController.newTemplateId();
        commands.sendAndWait(new CreateTemplateCommand(templateId, caller.userId(), content, generationId.value(),
                clock.instant()));
        return Map.of("template", readModels.await(templateId.value(), () -> queries.query(
                new FindTemplateQuery(templateId, caller.userId()),
                ResponseTypes.optionalInstanceOf(TemplateView.class)).join(), shown -> true));
    }

    /** The prompt from the generation's aggregate, the write side's own record of it. */
    private PromptGeneration.GeneratedPrompt generatedPrompt(AccessToken caller, PromptGenerationId id) {
        return AggregateReads.read(generations, id.value(),
                generation -> generation.generatedPromptFor(caller.userId()), "No such prompt generation");
    }

    private static PromptGenerationId generationId(String value) {
        if (!value.matches(PromptGenerationId.PREFIX + "[0-9a-f]{32}")) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such prompt generation");
        }
        return new PromptGenerationId(value);
    }

    private Optional<PromptGenerationView> find(AccessToken caller, PromptGenerationId id) {
        return queries.query(new FindPromptGenerationQuery(id, caller.userId()),
                ResponseTypes.optionalInstanceOf(PromptGenerationView.class)).join();
    }
}
