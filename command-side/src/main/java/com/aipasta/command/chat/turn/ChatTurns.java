package com.aipasta.command.chat.turn;

import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.CompleteAssistantMessageCommand;
import com.aipasta.chat.api.command.FailAssistantMessageCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.FindSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionDetail;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.chat.api.value.UserMessage;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.TokenUsage;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.leaderboard.api.query.FindLeaderboardAnswerQuery;
import com.aipasta.leaderboard.api.query.LeaderboardAnswer;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.query.FindReservationQuery;
import com.aipasta.wallet.api.query.OpenReservation;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs chat turns: picks the model in auto mode, checks the plan, quota and wallet, reserves an estimate, streams the answer from the
 * provider and records how it ended. Paying for it is the {@link ChatTurnSaga}'s part; a turn ends only once
 * the answer and the settled wallet are readable, so its final answer carries the user's new balance.
 */
@Component
public class ChatTurns {

    private static final Logger log = LoggerFactory.getLogger(ChatTurns.class);
    private static final int TITLE_LENGTH = 60;
    private static final String PREMIUM = "premium";

    /** What to answer: a new message (optionally an edit of {@code editOf}), or a regeneration of an answer. */
    public record TurnRequest(UserId ownerId, SessionId sessionId, String content, String editOf,
                          String regenerateOf, String modelId, GenerationOptions options) {
    }

    private record Context(SessionId sessionId, String systemInstruction, List<MessageView> history,
                           UserMessage userMessage, String answerParentId, String sessionModelId) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final ModelCatalog catalog;
    private final AutoModelSelector autoSelector;
    private final TokenCounter tokens;
    private final LiveGenerations live;
    private final ChatProperties properties;
    private final Clock clock;
    private final Executor turnExecutor;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    public ChatTurns(CommandGateway commands, QueryGateway queries, ReadModels readModels, ModelCatalog catalog,
                     AutoModelSelector autoSelector, TokenCounter tokens, LiveGenerations live,
                     ChatProperties properties, Clock clock, @Qualifier("turnExecutor") Executor turnExecutor) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.catalog = catalog;
        this.autoSelector = autoSelector;
        this.tokens = tokens;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
        this.turnExecutor = turnExecutor;
    }

    public Generation start(TurnRequest request) {
        UserSummary user = readModels.requireUser(request.ownerId());
        Context context = context(request);
        String plan = planOf(user);
        PromptCategory category = CategoryDetector.detect(answeredText(context));
        String modelId = request.modelId() != null ? request.modelId() : context.sessionModelId();
        boolean auto = AutoModelSelector.isAuto(modelId);
        CatalogModel model = auto ? autoSelector.pick(category, candidate -> usable(candidate, plan))
                : catalog.find(modelId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND,
                "No such model: " + modelId, Map.of("modelId", modelId == null ? "is required" : modelId)));
        ChatProvider provider = catalog.providerOf(model);
        if (!provider.configured()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The provider " + model.provider()
                    + " is not configured on this platform");
        }
        if (!planAllows(plan, model)) {
            throw new DomainException(ErrorCode.PAYWALL, "The model " + model.id() + " needs the premium plan",
                    Map.of("requiredPlan", model.requiredPlan(), "currentPlan", plan, "user", user));
        }
        GenerationOptions options = request.options() == null ? GenerationOptions.DEFAULTS : request.options();
        List<ChatRequest.ChatMessage> conversation = conversation(context);
        long promptTokens = tokens.countMessages(promptTexts(context.systemInstruction(), conversation));
        long estimate = promptTokens + Math.min(options.maxTokens() == null ? properties.defaultMaxTokens()
                : options.maxTokens(), properties.defaultMaxTokens());

        SessionId sessionId = context.sessionId() != null ? context.sessionId()
                : new SessionId("session-" + UUID.randomUUID());
        String answerId = "msg-" + UUID.randomUUID();
        WalletId wallet = WalletId.of(request.ownerId());
        live.admit(request.ownerId(), plan);
        long reservedAt;
        try {
            reservedAt = reserve(wallet, answerId, estimate, quotaOf(user, plan, model), user);
        } catch (RuntimeException refused) {
            live.leave(request.ownerId());
            throw refused;
        }

        UserMessage userMessage = context.userMessage();
        String answerParent = userMessage != null ? userMessage.messageId() : context.answerParentId();
        Generation generation = live.begin(sessionId, request.ownerId(), answerId,
                new ModelChoice(model.id(), model.provider(), category, auto));
        CompletableFuture<Object> sessionStarted = context.sessionId() != null
                ? CompletableFuture.completedFuture(null) : commands.send(startSession(sessionId, request, context, model));
        CompletableFuture<Object> started = sessionStarted.thenCompose(session -> commands.send(new StartTurnCommand(
                sessionId, request.ownerId(), userMessage, answerId, answerParent,
                new ModelRef(model.id(), model.provider()), wallet, estimate, clock.instant(), category)));
        ChatRequest chatRequest = new ChatRequest(model.providerModelId(), context.systemInstruction(), conversation,
                options.temperature(), options.maxTokens(), options.topP());
        Listener listener = new Listener(generation, started, model, reservedAt, promptTokens);
        listeners.put(answerId, listener);
        generation.streaming(provider.stream(chatRequest, listener));
        started.whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.warn("Answer {} could not start: {}", answerId, failure.getMessage());
                generation.stop("START_FAILED");
                commands.send(new ReleaseReservationCommand(wallet, answerId, "turn not started", clock.instant()));
                generation.fail(new Generation.Failure(ErrorCode.CONFLICT.name(), failure.getMessage(), null,
                        readModels.requireUser(request.ownerId())));
                live.end(generation);
            }
        });
        return generation;
    }

    /** Stops an answer this process is generating; what was generated so far is kept and paid for. */
    public boolean stop(String messageId, String reason, String explanation) {
        Listener listener = listeners.get(messageId);
        if (listener == null || !listener.generation.stop(reason)) {
            return false;
        }
        turnExecutor.execute(() -> listener.ended(null, null, reason, explanation));
        return true;
    }

    private Context context(TurnRequest request) {
        if (request.regenerateOf() != null) {
            MessageView answer = message(request.ownerId(), request.regenerateOf());
            if (!"assistant".equals(answer.role())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only an answer can be regenerated",
                        Map.of("messageId", "must be an assistant message"));
            }
            SessionDetail session = session(request.ownerId(), new SessionId(answer.sessionId()), answer.id());
            return new Context(new SessionId(answer.sessionId()), session.session().systemInstruction(),
                    upTo(session.messages(), answer.parentId()), null, answer.parentId(), session.session().modelId());
        }
        if (request.editOf() != null) {
            MessageView edited = message(request.ownerId(), request.editOf());
            if (!"user".equals(edited.role())) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only a user message can be edited",
                        Map.of("messageId", "must be a user message"));
            }
            SessionDetail session = session(request.ownerId(), new SessionId(edited.sessionId()), edited.id());
            return new Context(new SessionId(edited.sessionId()), session.session().systemInstruction(),
                    upTo(session.messages(), edited.parentId()),
                    new UserMessage("msg-" + UUID.randomUUID(), edited.parentId(), request.content()), null,
                    session.session().modelId());
        }
        if (request.sessionId() == null) {
            return new Context(null, null, List.of(),
                    new UserMessage("msg-" + UUID.randomUUID(), null, request.content()), null, null);
        }
        SessionDetail session = session(request.ownerId(), request.sessionId(), null);
        List<MessageView> branch = session.messages();
        String parent = branch.isEmpty() ? null : branch.get(branch.size() - 1).id();
        return new Context(request.sessionId(), session.session().systemInstruction(), branch,
                new UserMessage("msg-" + UUID.randomUUID(), parent, request.content()), null,
                session.session().modelId());
    }

    /** The user message the answer replies to: the one just written, or, for a regeneration, the one answered. */
    private static String answeredText(Context context) {
        if (context.userMessage() != null) {
            return context.userMessage().content();
        }
        return context.history().isEmpty() ? null : context.history().get(context.history().size() - 1).content();
    }

    private boolean usable(CatalogModel model, String plan) {
        return catalog.providerOf(model).configured() && planAllows(plan, model);
    }

    private static boolean planAllows(String plan, CatalogModel model) {
        return !PREMIUM.equals(model.requiredPlan()) || PREMIUM.equals(plan);
    }

    private StartSessionCommand startSession(SessionId sessionId, TurnRequest request, Context context,
                                             CatalogModel model) {
        String firstLine = context.userMessage().content().strip().lines().findFirst().orElse("New chat");
        String title = firstLine.length() > TITLE_LENGTH ? firstLine.substring(0, TITLE_LENGTH - 1) + "…" : firstLine;
        return new StartSessionCommand(sessionId, request.ownerId(), title.isBlank() ? "New chat" : title, null,
                model.id(), clock.instant());
    }

    /** Answers the wallet's version with the reservation. */
    private long reserve(WalletId wallet, String answerId, long estimate, DailyQuota quota, UserSummary user) {
        try {
            return commands.sendAndWait(new ReserveTokensCommand(wallet, answerId, estimate, quota, clock.instant()));
        } catch (DomainException refused) {
            Map<String, Object> details = new HashMap<>(refused.details());
            details.put("user", user);
            throw new DomainException(refused.code(), refused.getMessage(), details);
        }
    }

    /** An administrator's limit for the user replaces the plan's, for every tier. */
    private DailyQuota quotaOf(UserSummary user, String plan, CatalogModel model) {
        Integer limit = user.dailyRequestLimit() != null ? user.dailyRequestLimit()
                : properties.dailyLimit(plan, model.tier());
        return limit == null ? null : new DailyQuota(model.tier(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), limit);
    }

    private static String planOf(UserSummary user) {
        return user.role() == Role.USER ? user.plan() : PREMIUM;
    }

    private MessageView message(UserId owner, String messageId) {
        return queries.query(new FindMessageQuery(owner, messageId), ResponseTypes.optionalInstanceOf(MessageView.class))
                .join().orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such message"));
    }

    private SessionDetail session(UserId owner, SessionId sessionId, String branch) {
        return queries.query(new FindSessionQuery(owner, sessionId, branch),
                        ResponseTypes.optionalInstanceOf(SessionDetail.class))
                .join().orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such session"));
    }

    private static List<MessageView> upTo(List<MessageView> branch, String lastId) {
        List<MessageView> prefix = new ArrayList<>();
        if (lastId == null) {
            return prefix;
        }
        for (MessageView message : branch) {
            prefix.add(message);
            if (message.id().equals(lastId)) {
                return prefix;
            }
        }
        throw new DomainException(ErrorCode.NOT_FOUND, "No such message in this session");
    }

    private static List<ChatRequest.ChatMessage> conversation(Context context) {
        List<ChatRequest.ChatMessage> conversation = new ArrayList<>();
        for (MessageView message : context.history()) {
            if (message.content() != null && !message.content().isEmpty()) {
                conversation.add(new ChatRequest.ChatMessage("user".equals(message.role())
                        ? ChatRequest.Role.USER : ChatRequest.Role.ASSISTANT, message.content()));
            }
        }
        if (context.userMessage() != null) {
            conversation.add(new ChatRequest.ChatMessage(ChatRequest.Role.USER, context.userMessage().content()));
        }
        return conversation;
    }

    private static List<String> promptTexts(String systemInstruction, List<ChatRequest.ChatMessage> conversation) {
        List<String> texts = new ArrayList<>();
        if (systemInstruction != null) {
            texts.add(systemInstruction);
        }
        conversation.forEach(message -> texts.add(message.content()));
        return texts;
    }

    private Cost cost(CatalogModel model, TokenCount usage) {
        if (model == null) {
            return Cost.ZERO;
        }
        BigDecimal usd = model.promptPricePer1k().multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(model.completionPricePer1k().multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(BigDecimal.valueOf(1000), 10, RoundingMode.HALF_UP).stripTrailingZeros();
        return new Cost(usd, usd.multiply(properties.inrPerUsd()).setScale(8, RoundingMode.HALF_UP)
                .stripTrailingZeros());
    }

    /** Turns the provider's calls into the generation's progress and, at the end, into one recorded outcome. */
    private final class Listener implements ChatListener {

        private final Generation generation;
        private final CompletableFuture<Object> started;
        private final CatalogModel model;
        private final long reservedAtVersion;
        private final long promptTokens;

        Listener(Generation generation, CompletableFuture<Object> started, CatalogModel model, long reservedAtVersion,
                 long promptTokens) {
            this.generation = generation;
            this.started = started;
            this.model = model;
            this.reservedAtVersion = reservedAtVersion;
            this.promptTokens = promptTokens;
        }

        @Override
        public void onThought(String text) {
            generation.thought(text);
        }

        @Override
        public void onDelta(String text) {
            generation.delta(text);
        }

        @Override
        public void onComplete(TokenUsage usage, String finishReason) {
            turnExecutor.execute(() -> ended(usage, finishReason, null, null));
        }

        @Override
        public void onError(ProviderException failure) {
            if (generation.stopReason() == null) {
                log.warn("Answer {} failed at the provider: {}", generation.messageId(), failure.getMessage());
                turnExecutor.execute(() -> ended(null, null, "PROVIDER_" + failure.kind().name(),
                        failure.userMessage()));
            }
        }

        void ended(TokenUsage reported, String finishReason, String errorCode, String errorMessage) {
            try {
                started.join();
                Generation.Text text = generation.text();
                TokenCount usage = reported != null
                        ? new TokenCount(reported.promptTokens(), reported.completionTokens(), reported.totalTokens())
                        : counted(text, errorCode == null);
                Cost cost = cost(model, usage);
                if (errorCode == null) {
                    commands.sendAndWait(new CompleteAssistantMessageCommand(generation.sessionId(),
                            generation.ownerId(), generation.messageId(), text.content(), text.thoughts(), usage,
                            finishReason, generation.latencyMillis(), generation.timeToFirstTokenMillis(), cost,
                            clock.instant()));
                } else {
                    commands.sendAndWait(new FailAssistantMessageCommand(generation.sessionId(), generation.ownerId(),
                            generation.messageId(), text.content(), text.thoughts(), usage, errorCode, errorMessage,
                            cost, clock.instant()));
                }
                MessageView message = awaitSettled(generation, reservedAtVersion);
                UserSummary user = readModels.requireUser(generation.ownerId());
                if (errorCode == null) {
                    generation.finish(new Generation.Result(generation.sessionId(), message, usage, user));
                } else {
                    generation.fail(new Generation.Failure(errorCode, errorMessage, message, user));
                }
            } catch (RuntimeException e) {
                log.error("Answer {} could not be recorded", generation.messageId(), e);
                generation.fail(new Generation.Failure(ErrorCode.INTERNAL_ERROR.name(),
                        "The answer could not be recorded", null, null));
            } finally {
                listeners.remove(generation.messageId());
                live.end(generation);
            }
        }

        /** Usage when the provider reported none: the prompt as estimated, and what was generated. */
        private TokenCount counted(Generation.Text text, boolean completed) {
            long completion = tokens.count(text.content()) + tokens.count(text.thoughts());
            if (!completed && completion == 0) {
                return TokenCount.NONE;
            }
            return TokenCount.of(promptTokens, completion);
        }
    }

    /**
     * Waits until the answer is projected as finished, counted by the leaderboard, and its reservation as closed:
     * once the wallet projection is past the reservation's version, a reservation it no longer lists was settled or
     * released.
     */
    private MessageView awaitSettled(Generation generation, long reservedAtVersion) {
        UserId owner = generation.ownerId();
        String messageId = generation.messageId();
        String wallet = WalletId.of(owner).value();
        readModels.awaitWallet(owner, reservedAtVersion + 1);
        readModels.await(wallet, () -> Optional.of(queries.query(new FindReservationQuery(messageId),
                ResponseTypes.optionalInstanceOf(OpenReservation.class)).join().isEmpty()), Boolean::booleanValue);
        readModels.await(generation.sessionId().value(), () -> queries.query(new FindLeaderboardAnswerQuery(messageId),
                ResponseTypes.optionalInstanceOf(LeaderboardAnswer.class)).join(), LeaderboardAnswer::ended);
        return readModels.await(generation.sessionId().value(), () -> queries.query(
                new FindMessageQuery(owner, messageId), ResponseTypes.optionalInstanceOf(MessageView.class)).join(),
                MessageView::finished);
    }

}
