package com.aipasta.command.embedding;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.EmbeddingProvider;
import com.aipasta.command.chat.provider.Embeddings;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.chat.turn.ModelAccess;
import com.aipasta.command.chat.turn.TokenCounter;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Embeds texts, paid from the wallet like a chat turn: the inputs' estimated tokens are reserved under the request's
 * id (which also counts the request against the caller's quotas), the provider is called, and the reservation is
 * settled by the tokens the provider reports it read, or by the estimate when it reports none; a failed call is
 * released and costs nothing. A request id the wallet has already closed is refused, so a retry is paid once. The
 * caller's next request waits until the wallet's read model shows the payment.
 */
@Component
public class EmbeddingRequests {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingRequests.class);
    private static final String REQUEST_PREFIX = "embedding-";

    /** {@code requestId} is the caller's, to make a retry safe; null for one made up here. */
    public record EmbeddingRequest(UserId ownerId, String modelId, List<String> inputs, String requestId) {

        public EmbeddingRequest {
            inputs = List.copyOf(inputs);
        }
    }

    /** {@code usageReported} says whether {@code promptTokens} is the provider's count or the platform's estimate. */
    public record EmbeddingResult(CatalogModel model, List<double[]> vectors, long promptTokens,
                                  boolean usageReported, WalletBalance wallet) {
    }

    private final CommandGateway commands;
    private final AccessState access;
    private final ModelCatalog catalog;
    private final ModelAccess modelAccess;
    private final TokenCounter tokens;
    private final ChatProperties chatProperties;
    private final ReadModels readModels;
    private final PendingReads pendingReads;
    private final Executor executor;
    private final Clock clock;

    public EmbeddingRequests(CommandGateway commands, AccessState access, ModelCatalog catalog,
                             ModelAccess modelAccess, TokenCounter tokens, ChatProperties chatProperties,
                             ReadModels readModels, PendingReads pendingReads,
                             @Qualifier("turnExecutor") Executor executor, Clock clock) {
        this.readModels = readModels;
        this.pendingReads = pendingReads;
        this.executor = executor;
        this.commands = commands;
        this.access = access;
        this.catalog = catalog;
        this.modelAccess = modelAccess;
        this.tokens = tokens;
        this.chatProperties = chatProperties;
        this.clock = clock;
    }

    public EmbeddingResult embed(EmbeddingRequest request) {
        Access caller = access.of(request.ownerId())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        CatalogModel model = catalog.find(request.modelId()).orElseThrow(() -> new DomainException(
                ErrorCode.NOT_FOUND, "No such model: " + request.modelId(), Map.of("modelId", request.modelId())));
        EmbeddingProvider provider = requireEmbedding(model);
        modelAccess.requireAllowed(caller, model);
        long estimate = Math.max(1, request.inputs().stream().mapToLong(tokens::count).sum());
        WalletId wallet = WalletId.of(request.ownerId());
        String requestId = REQUEST_PREFIX + (request.requestId() != null ? request.requestId() : UUID.randomUUID());
        Instant reservedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            commands.sendAndWait(new ReserveTokensCommand(wallet, requestId, estimate,
                    modelAccess.dailyQuota(caller, model),
                    chatProperties.monthlyQuota(caller.effectivePlan(), reservedAt), reservedAt));
        } catch (DomainException refused) {
            if (refused.code() == ErrorCode.CONFLICT && request.requestId() != null) {
                throw new DomainException(ErrorCode.CONFLICT, "The requestId " + request.requestId()
                        + " was used already: what it embedded was paid once, or it failed and cost nothing;"
                        + " a new request needs a new requestId", Map.of("requestId", request.requestId()));
            }
            throw refused;
        }

        Embeddings embeddings;
        try {
            embeddings = provider.embed(model.providerModelId(), request.inputs());
        } catch (ProviderException failure) {
            log.warn("Embeddings {} failed at the provider: {}", requestId, failure.getMessage());
            String code = "PROVIDER_" + failure.kind().name();
            WalletBalance released = close(request.ownerId(),
                    new ReleaseReservationCommand(wallet, requestId, code, clock.instant()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("providerError", code);
            details.put("modelId", model.id());
            if (released != null) {
                details.put("wallet", EmbeddingController.walletOf(released));
            }
            throw new DomainException(ErrorCode.PROVIDER_ERROR, failure.userMessage(), details);
        } catch (RuntimeException failure) {
            close(request.ownerId(), new ReleaseReservationCommand(wallet, requestId, ErrorCode.INTERNAL_ERROR.name(),
                    clock.instant()));
            throw failure;
        }
        boolean reported = embeddings.promptTokens() != null;
        long used = reported ? embeddings.promptTokens() : estimate;
        WalletBalance settled = close(request.ownerId(),
                new SettleReservationCommand(wallet, requestId, used, clock.instant()));
        return new EmbeddingResult(model, embeddings.vectors(), used, reported, settled);
    }

    private EmbeddingProvider requireEmbedding(CatalogModel model) {
        if (!model.embedding()) {
            throw new DomainException(ErrorCode.MODEL_NOT_EMBEDDING, "The model " + model.id()
                    + " does not make embeddings; the catalogue lists those of type embedding",
                    Map.of("modelId", model.id()));
        }
        ChatProvider provider = catalog.providerOf(model);
        if (!provider.configured() || !(provider instanceof EmbeddingProvider embedder)) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The provider " + model.provider()
                    + " cannot make embeddings on this platform");
        }
        return embedder;
    }

    /**
     * Settles or releases the reservation and answers with the wallet after it; null when it was already closed
     * otherwise (a timeout got there first, or a concurrent retry of the same request), which is then how it stays.
     */
    private WalletBalance close(UserId owner, Object closing) {
        try {
            WalletBalance closed = commands.sendAndWait(closing);
            pendingReads.expect(owner, () -> CompletableFuture.runAsync(
                    () -> readModels.awaitWallet(owner, closed.version()), executor));
            return closed;
        } catch (DomainException closedOtherwise) {
            log.warn("An embedding reservation could not be closed: {}", closedOtherwise.getMessage());
            return null;
        }
    }
}
