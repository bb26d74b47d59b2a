package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ChatStream;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.TokenUsage;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One question to a model outside any chat session, paid like a turn: the model is chosen and checked against the
 * caller's plan as for a turn (the default model when none is named), an estimate is reserved in the wallet under
 * {@code requestId} (quota, monthly limits and balance checked there), the answer is collected whole, and the
 * reservation is settled with what the model used (released when it used nothing).
 */
@Component
public class SingleCompletions {

    /** A finished answer and the wallet as its settlement left it. */
    public record Completion(ModelRef model, String text, TokenCount usage, Cost cost, WalletBalance balance) {
    }

    /** The model failed; {@code usage} (possibly none) was paid, the wallet is as it left it. */
    public static final class Failed extends RuntimeException {

        private final transient ModelRef model;
        private final String code;
        private final transient TokenCount usage;
        private final transient WalletBalance balance;

        Failed(ModelRef model, String code, String message, TokenCount usage, WalletBalance balance) {
            super(message, null, false, false);
            this.model = model;
            this.code = code;
            this.usage = usage;
            this.balance = balance;
        }

        public ModelRef model() {
            return model;
        }

        public String code() {
            return code;
        }

        public TokenCount usage() {
            return usage;
        }

        public WalletBalance balance() {
            return balance;
        }
    }

    private final ChatTurns turns;
    private final ModelAccess modelAccess;
    private final AccessState access;
    private final ModelCatalog catalog;
    private final TokenCounter tokens;
    private final LiveGenerations live;
    private final ChatProperties properties;
    private final Clock clock;

    public SingleCompletions(ChatTurns turns, ModelAccess modelAccess, AccessState access, ModelCatalog catalog,
                             TokenCounter tokens, LiveGenerations live, ChatProperties properties, Clock clock) {
        this.turns = turns;
        this.modelAccess = modelAccess;
        this.access = access;
        this.catalog = catalog;
        this.tokens = tokens;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
    }

    /** Refusals (model, plan, streams, quota, balance) are thrown before the provider is called. */
    public Completion complete(UserId ownerId, String modelId, String systemInstruction, String question,
                               String requestId) {
        Access caller = access.of(ownerId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        CatalogModel model = modelId == null ? turns.defaultModel(caller) : catalog.find(modelId)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such model: " + modelId,
                        Map.of("modelId", modelId)));
        ChatProvider provider = turns.requireUsable(model, caller);
        ModelRef ref = new ModelRef(model.id(), model.provider());
        long promptTokens = tokens.countMessages(List.of(systemInstruction, question));
        long estimate = turns.estimate(promptTokens, GenerationOptions.DEFAULTS);
        String plan = caller.effectivePlan();
        WalletId wallet = WalletId.of(ownerId);
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        live.admit(ownerId, plan);
        try {
            turns.reserve(new ReserveTokensCommand(wallet, requestId, estimate,
                    modelAccess.dailyQuota(caller, model), properties.monthlyQuota(plan, startedAt), startedAt));
            Collected collected = ask(provider, new ChatRequest(model.providerModelId(), systemInstruction,
                    List.of(new ChatRequest.ChatMessage(ChatRequest.Role.USER, question)), null, null, null));
            TokenCount usage = collected.usage != null
                    ? new TokenCount(collected.usage.promptTokens(), collected.usage.completionTokens(),
                    collected.usage.totalTokens())
                    : counted(promptTokens, collected);
            Instant endedAt = clock.instant();
            WalletBalance balance = turns.close(wallet, usage.totalTokens() > 0
                    ? new SettleReservationCommand(wallet, requestId, usage.totalTokens(), endedAt)
                    : new ReleaseReservationCommand(wallet, requestId,
                    collected.failure == null ? "empty answer" : collected.errorCode(), endedAt));
            if (collected.failure != null) {
                throw new Failed(ref, collected.errorCode(), collected.failure.userMessage(), usage, balance);
            }
            return new Completion(ref, collected.text.toString(), usage, turns.cost(model, usage), balance);
        } finally {
            live.leave(ownerId);
        }
    }

    private TokenCount counted(long promptTokens, Collected collected) {
        long completion = tokens.count(collected.text.toString());
        return collected.failure != null && completion == 0 ? TokenCount.NONE
                : TokenCount.of(promptTokens, completion);
    }

    /** Streams the answer to its end, at most the reservation's timeout; a timeout cancels it. */
    private Collected ask(ChatProvider provider, ChatRequest request) {
        Collected collected = new Collected();
        ChatStream stream = provider.stream(request, collected);
        try {
            collected.ended.get(properties.reservationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException tooLong) {
            stream.cancel();
            collected.fail(new ProviderException(ProviderException.Kind.TIMEOUT, "no answer in time"));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stream.cancel();
            collected.fail(new ProviderException(ProviderException.Kind.CONNECTION, "interrupted"));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
        return collected;
    }

    private static final class Collected implements ChatListener {

        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile TokenUsage usage;
        private volatile ProviderException failure;

        @Override
        public void onThought(String thought) {
        }

        @Override
        public synchronized void onDelta(String delta) {
            text.append(delta);
        }

        @Override
        public void onComplete(TokenUsage reported, String finishReason) {
            usage = reported;
            ended.complete(null);
        }

        @Override
        public void onError(ProviderException error) {
            fail(error);
        }

        void fail(ProviderException error) {
            if (failure == null && !ended.isDone()) {
                failure = error;
            }
            ended.complete(null);
        }

        String errorCode() {
            return failure == null ? null : "PROVIDER_" + failure.kind().name();
        }
    }
}
