package com.aipasta.command.prompt;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.command.chat.turn.CategoryDetector;
import com.aipasta.command.chat.turn.SingleCompletions;
import com.aipasta.prompt.api.command.RecordFailedPromptGenerationCommand;
import com.aipasta.prompt.api.command.RecordGeneratedPromptCommand;
import com.aipasta.prompt.api.value.PromptGenerationId;
import com.aipasta.wallet.api.value.WalletBalance;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a rough idea into a structured prompt by asking a model, paid from the wallet like a chat turn
 * ({@link SingleCompletions}), and records each run, generated or failed, on its own {@link PromptGeneration}.
 */
@Component
public class PromptGenerator {

    /** What the model is told; the answer is read by {@link PromptAnswer}. */
    public static final String INSTRUCTION = """
            You turn a user's rough idea into a clear, complete prompt for an AI assistant: state the role the \
            assistant should take, the context, the task, the input, the output format and any constraints, \
            keeping the user's intent.
            Answer with exactly one JSON object and nothing else, in this shape:
            {"prompt": "<the improved prompt>", "category": "<coding, writing, research, math or general>", \
            "improvements": ["<one thing you added or clarified>", "..."]}""";

    public sealed interface Outcome permits Generated, Unreadable, ProviderFailed {

        PromptGenerationId id();

        ModelRef model();

        TokenCount usage();

        WalletBalance balance();
    }

    public record Generated(PromptGenerationId id, PromptAnswer.Parsed answer, ModelRef model, TokenCount usage,
                            WalletBalance balance) implements Outcome {
    }

    /** The model answered, and was paid, but not in the format asked for. */
    public record Unreadable(PromptGenerationId id, ModelRef model, TokenCount usage, WalletBalance balance)
            implements Outcome {
    }

    public record ProviderFailed(PromptGenerationId id, String code, String message, ModelRef model,
                                 TokenCount usage, WalletBalance balance) implements Outcome {
    }

    public static final String BAD_ANSWER = "PROMPT_GENERATOR_BAD_ANSWER";

    private final SingleCompletions completions;
    private final CommandGateway commands;
    private final Clock clock;

    public PromptGenerator(SingleCompletions completions, CommandGateway commands, Clock clock) {
        this.completions = completions;
        this.commands = commands;
        this.clock = clock;
    }

    /** Refusals before the model is asked (model, plan, quota, balance) are thrown; the rest is an outcome. */
    public Outcome generate(UserId ownerId, String input, String modelId) {
        PromptGenerationId id = new PromptGenerationId(PromptGenerationId.PREFIX
                + UUID.randomUUID().toString().replace("-", ""));
        SingleCompletions.Completion completion;
        try {
            completion = completions.complete(ownerId, modelId, INSTRUCTION, input, id.value());
        } catch (SingleCompletions.Failed failed) {
            commands.sendAndWait(new RecordFailedPromptGenerationCommand(id, ownerId, input, failed.model(),
                    failed.code(), failed.usage(), clock.instant()));
            return new ProviderFailed(id, failed.code(), failed.getMessage(), failed.model(), failed.usage(),
                    failed.balance());
        }
        Optional<PromptAnswer.Parsed> parsed = PromptAnswer.parse(completion.text(), CategoryDetector.detect(input));
        if (parsed.isEmpty()) {
            commands.sendAndWait(new RecordFailedPromptGenerationCommand(id, ownerId, input, completion.model(),
                    BAD_ANSWER, completion.usage(), clock.instant()));
            return new Unreadable(id, completion.model(), completion.usage(), completion.balance());
        }
        PromptAnswer.Parsed answer = parsed.get();
        commands.sendAndWait(new RecordGeneratedPromptCommand(id, ownerId, input, answer.prompt(), answer.category(),
                answer.improvements(), completion.model(), completion.usage(), clock.instant()));
        return new Generated(id, answer, completion.model(), completion.usage(), completion.balance());
    }
}
