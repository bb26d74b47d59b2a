package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.CompleteAssistantMessageCommand;
import com.aipasta.chat.api.command.FailAssistantMessageCommand;
import com.aipasta.chat.api.command.RequestAnswerStopCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.command.StartSessionWithTurnCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.TokenCount;
import com.aipasta.chat.api.value.UserMessage;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.provider.ChatListener;
import com.aipasta.command.chat.provider.ChatProvider;
import com.aipasta.command.chat.provider.ChatRequest;
import com.aipasta.command.chat.provider.ProviderException;
import com.aipasta.command.chat.provider.TokenUsage;
import com.aipasta.command.chat.session.ChatSession;
import com.aipasta.command.chat.session.SessionHistory;
import com.aipasta.command.config.AggregateReads;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.ReserveTokensTogetherCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.RequestedReservation;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs chat turns: picks the model in auto mode, checks the plan from the caller's account held in memory, reserves
 * an estimate in the (cached) wallet, which checks the quota and the balance, streams the answer from the provider and
 * records how it ended, then settles or releases the reservation. The reservation is the only write before the
 * provider is called; the session and the turn are recorded while it streams. A turn ends once its settlement is
 * recorded, and its last answer carries the wallet as the settlement left it; nothing waits for the read models
 * ({@link AnswerSettlement} settles too, for a process that stopped in between: settling twice records once).
 */
@Component
public class ChatTurns {

    private static final Logger log = LoggerFactory.getLogger(ChatTurns.class);
    private static final int TITLE_LENGTH = 60;
    /** The catalogue capability of a model that can call tools, which a turn with it then offers. */
    private static final String TOOL_CAPABILITY = "tools";
    /** How a plugin's call and result reach a model, which knows only user and assistant turns outside a tool call. */
    static final String TOOL_RESULT = "A tool was run in this conversation. Its call and result, as JSON: ";

    /**
     * What to answer: a new message (optionally an edit of {@code editOf}), a regeneration of an answer, or with
     * {@code regenerateLast} a new answer to the last user message of the session's current branch. An edit and a
     * regeneration name the session of their message.
     */
    public record TurnRequest(UserId ownerId, SessionId sessionId, String content, String editOf,
                              String regenerateOf, boolean regenerateLast, String modelId, GenerationOptions options,
                              List<String> fileIds) {

        public TurnRequest {
            fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
        }
    }

    /** {@code answerAttachments}: the files a regeneration sends with the message it answers. */
    private record Context(SessionId sessionId, String systemInstruction, List<SessionHistory.Message> history,
                           UserMessage userMessage, String answerParentId, String sessionModelId,
                           List<Attachment> answerAttachments) {
    }

    /**
     * What the model is sent: the newest part of the conversation that fits {@code budget} tokens with the system
     * instruction, so a turn costs the same however long its session has grown. The message answered always goes;
     * older ones go, newest first, while they fit, and what goes starts with a message of the user's or a tool's.
     * Each message goes with the files attached to it; the files a regeneration sent go with the message it
     * answered: in the history when that answer is the next message, and in this answer when it is a regeneration.
     * Only the files of the messages that go are read.
     *
     * @param tokens its texts, the text of attached documents, and an estimate per image
     * @param files  every file the answer will be sent
     */
    private record Prompt(List<ChatRequest.ChatMessage> conversation, long tokens, List<Attachment> files) {
    }

    private final CommandGateway commands;
    private final WalletCommandQueue walletCommands;

    private final AccessState access;
    private final Repository<ChatSession> sessions;
    private final ModelCatalog catalog;
    private final AutoModelSelector autoSelector;
    private final ModelAccess modelAccess;
    private final TokenCounter tokens;
    private final LiveGenerations live;
    private final Attachments attachments;
    private final ChatProperties properties;
    private final Clock clock;
    private final Executor turnExecutor;
    private final ToolRounds toolRounds;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    public ChatTurns(CommandGateway commands, AccessState access, Repository<ChatSession> sessions,
                     ModelCatalog catalog, AutoModelSelector autoSelector, ModelAccess modelAccess,
                     TokenCounter tokens, LiveGenerations live,
                     Attachments attachments, ChatProperties properties, Clock clock,
                     @Qualifier("turnExecutor") Executor turnExecutor, ToolRounds toolRounds) {
        this.commands = commands;
        this.walletCommands = new WalletCommandQueue(commands);
        this.access = access;
        this.sessions = sessions;
        this.catalog = catalog;
        this.autoSelector = autoSelector;
        this.modelAccess = modelAccess;
        this.tokens = tokens;
        this.live = live;
        this.attachments = attachments;
        this.properties = properties;
        this.clock = clock;
        this.turnExecutor = turnExecutor;
        this.toolRounds = toolRounds;
    }

    public Generation start(TurnRequest request) {
        Access caller = access.of(request.ownerId())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        Context context = context(request);
        String plan = caller.effectivePlan();
        PromptCategory category = CategoryDetector.detect(answeredText(context));
        String modelId = request.modelId() != null ? request.modelId() : context.sessionModelId();
        boolean auto = AutoModelSelector.isAuto(modelId);
        CatalogModel model = auto ? autoSelector.pick(category, candidate -> usable(candidate, caller))
                : modelId == null ? defaultModel(caller)
                : catalog.find(modelId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND,
                "No such model: " + modelId, Map.of("modelId", modelId)));
        ChatProvider provider = requireUsable(model, caller);
        GenerationOptions options = request.options() == null ? GenerationOptions.DEFAULTS : request.options();
        Prompt prompt = prompt(context, promptBudget(model, options));
        attachments.requireReadableBy(model, prompt.files());
        List<ChatRequest.ChatMessage> conversation = prompt.conversation();
        long promptTokens = prompt.tokens();
        long estimate = estimate(promptTokens, options);

        SessionId sessionId = context.sessionId() != null ? context.sessionId()
                : new SessionId("session-" + UUID.randomUUID());
        String answerId = "msg-" + UUID.randomUUID();
        WalletId wallet = WalletId.of(request.ownerId());
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        live.admit(request.ownerId(), plan);
        try {
            reserve(new ReserveTokensCommand(wallet, answerId, estimate,
                    modelAccess.dailyQuota(caller, model), properties.monthlyQuota(plan, startedAt), startedAt));
        } catch (RuntimeException refused) {
            live.leave(request.ownerId());
            throw refused;
        }

        UserMessage userMessage = context.userMessage();
        String answerParent = userMessage != null ? userMessage.messageId() : context.answerParentId();
        Generation generation = live.begin(sessionId, request.ownerId(), answerId,
                new ModelChoice(model.id(), model.provider(), category, auto));
        CompletableFuture<Object> started = new CompletableFuture<>();
        boolean callsTools = model.capabilities().contains(TOOL_CAPABILITY);
        ChatRequest chatRequest = new ChatRequest(model.providerModelId(), context.systemInstruction(), conversation,
                options.temperature(), options.maxTokens(), options.topP(), options.thinking(),
                callsTools ? toolRounds.definitions() : List.of());
        Listener listener = new Listener(generation, started, model, wallet, answerParent, startedAt, promptTokens,
                context.answerAttachments());
        listeners.put(answerId, listener);
        generation.streaming(callsTools ? toolRounds.stream(provider, chatRequest, request.ownerId(), listener)
                : provider.stream(chatRequest, listener));
        StartTurnCommand turn = new StartTurnCommand(sessionId, request.ownerId(), userMessage, answerId,
                answerParent, new ModelRef(model.id(), model.provider()), wallet, estimate, startedAt, category,
                promptTokens, null, context.answerAttachments());
        CompletableFuture.completedFuture(null)
                .thenComposeAsync(ignored -> commands.send(context.sessionId() != null ? turn
                        : new StartSessionWithTurnCommand(startSession(sessionId, request, context, model), turn)),
                        turnExecutor)
                .whenComplete((recorded, failure) -> {
                    if (failure == null) {
                        started.complete(recorded);
                    } else {
                        started.completeExceptionally(failure);
                    }
                });
        releaseUnlessStarted(started, generation, wallet);
        return generation;
    }

    /** The models to compare and the message they all answer, in a new session or the current branch of one. */
    public record ComparisonRequest(UserId ownerId, SessionId sessionId, String content, List<String> modelIds,
                                    GenerationOptions options) {
    }

    /** The answers of one comparison, in the order of the models asked for. */
    public record Comparison(SessionId sessionId, String userMessageId, List<Generation> generations) {
    }

    /**
     * Answers one message with several models at once, as sibling answers of it. Every refusal (an unknown model, a
     * plan, the concurrent streams, the quota, the balance) is decided for all of them before any provider is
     * called; then each answer is reserved, streamed, recorded and paid for on its own, so one failing stops none
     * of the others.
     */
    public Comparison compare(ComparisonRequest request) {
        Access caller = access.of(request.ownerId())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        TurnRequest turn = new TurnRequest(request.ownerId(), request.sessionId(), request.content(), null, null,
                false, null, request.options(), List.of());
        Context context = context(turn);
        String plan = caller.effectivePlan();
        PromptCategory category = CategoryDetector.detect(request.content());
        List<CatalogModel> models = request.modelIds().stream().map(id -> catalog.find(id)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such model: " + id,
                        Map.of("modelIds", id)))).toList();
        List<ChatProvider> providers = models.stream().map(model -> requireUsable(model, caller)).toList();
        GenerationOptions options = request.options() == null ? GenerationOptions.DEFAULTS : request.options();
        Prompt prompt = prompt(context, models.stream().mapToLong(model -> promptBudget(model, options)).min()
                .orElseThrow());
        models.forEach(model -> attachments.requireReadableBy(model, prompt.files()));
        List<ChatRequest.ChatMessage> conversation = prompt.conversation();
        long promptTokens = prompt.tokens();
        long estimate = estimate(promptTokens, options);
        SessionId sessionId = context.sessionId() != null ? context.sessionId()
                : new SessionId("session-" + UUID.randomUUID());
        WalletId wallet = WalletId.of(request.ownerId());
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<RequestedReservation> reservations = models.stream().map(model -> new RequestedReservation(
                "msg-" + UUID.randomUUID(), estimate, modelAccess.dailyQuota(caller, model))).toList();
        int admitted = 0;
        try {
            for (int i = 0; i < models.size(); i++) {
                live.admit(request.ownerId(), plan);
                admitted++;
            }
            commands.sendAndWait(new ReserveTokensTogetherCommand(wallet, reservations,
                    properties.monthlyQuota(plan, startedAt), startedAt));
        } catch (RuntimeException refused) {
            for (int i = 0; i < admitted; i++) {
                live.leave(request.ownerId());
            }
            throw refused;
        }

        UserMessage userMessage = context.userMessage();
        List<Generation> generations = new ArrayList<>();
        List<CompletableFuture<Object>> starts = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            CatalogModel model = models.get(i);
            String answerId = reservations.get(i).requestId();
            Generation generation = live.begin(sessionId, request.ownerId(), answerId,
                    new ModelChoice(model.id(), model.provider(), category, false));
            CompletableFuture<Object> started = new CompletableFuture<>();
            Listener listener = new Listener(generation, started, model, wallet, userMessage.messageId(), startedAt,
                    promptTokens, List.of());
            listeners.put(answerId, listener);
            generation.streaming(providers.get(i).stream(new ChatRequest(model.providerModelId(),
                    context.systemInstruction(), conversation, options.temperature(), options.maxTokens(),
                    options.topP(), options.thinking()), listener));
            generations.add(generation);
            starts.add(started);
        }
        CompletableFuture<Object> recorded = CompletableFuture.completedFuture(null);
        for (int i = 0; i < models.size(); i++) {
            CatalogModel model = models.get(i);
            String answerId = reservations.get(i).requestId();
            StartTurnCommand answer = new StartTurnCommand(sessionId, request.ownerId(), i == 0 ? userMessage : null,
                    answerId, userMessage.messageId(), new ModelRef(model.id(), model.provider()), wallet, estimate,
                    startedAt, category, promptTokens, userMessage.messageId(), List.of());
            boolean startsSession = i == 0 && context.sessionId() == null;
            recorded = recorded.thenComposeAsync(previous -> commands.send(startsSession
                    ? new StartSessionWithTurnCommand(startSession(sessionId, turn, context, models.get(0)), answer)
                    : answer), turnExecutor);
            CompletableFuture<Object> started = starts.get(i);
            recorded.whenComplete((done, failure) -> {
                if (failure == null) {
                    started.complete(done);
                } else {
                    started.completeExceptionally(failure);
                }
            });
            releaseUnlessStarted(started, generations.get(i), wallet);
        }
        return new Comparison(sessionId, userMessage.messageId(), List.copyOf(generations));
    }

    /** The prompt, the answer's tokens (at most the default maximum) and the thinking budget, if any. */
    long estimate(long promptTokens, GenerationOptions options) {
        return promptTokens + Math.min(options.maxTokens() == null ? properties.defaultMaxTokens()
                : options.maxTokens(), properties.defaultMaxTokens()) + options.thinkingTokens();
    }

    ChatProvider requireUsable(CatalogModel model, Access caller) {
        if (model.embedding()) {
            throw new DomainException(ErrorCode.MODEL_NOT_CHAT, "The model " + model.id()
                    + " is an embedding model; use it with POST /api/embeddings", Map.of("modelId", model.id()));
        }
        ChatProvider provider = catalog.providerOf(model);
        if (!provider.configured()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "The provider " + model.provider()
                    + " is not configured on this platform");
        }
        modelAccess.requireAllowed(caller, model);
        return provider;
    }

    /** An answer whose start could not be recorded is failed and its reservation released. */
    private void releaseUnlessStarted(CompletableFuture<Object> started, Generation generation, WalletId wallet) {
        started.whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.warn("Answer {} could not start: {}", generation.messageId(), failure.getMessage());
                generation.stop("START_FAILED");
                WalletBalance released = close(wallet, new ReleaseReservationCommand(wallet, generation.messageId(),
                        "turn not started", clock.instant()));
                generation.fail(new Generation.Failure(ErrorCode.CONFLICT.name(), failure.getMessage(), null,
                        released));
                live.end(generation);
            }
        });
    }

    /** Asks the node generating an answer to stop it; see {@link AnswerStops}. */
    public void stopElsewhere(UserId ownerId, SessionId sessionId, String messageId) {
        commands.sendAndWait(new RequestAnswerStopCommand(sessionId, ownerId, messageId, clock.instant()));
    }

    /** Stops, at its owner's wish, an answer this process is generating. */
    public boolean stopForOwner(String messageId) {
        return stop(messageId, "STOPPED", "Stopped by the user");
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
        List<Attachment> attached = attachments.resolve(request.ownerId(), request.fileIds());
        if (request.regenerateLast()) {
            SessionHistory session = history(request.ownerId(), request.sessionId(), null);
            List<SessionHistory.Message> branch = session.branch();
            int answered = branch.size() - 1;
            while (answered >= 0 && !branch.get(answered).answerable()) {
                answered--;
            }
            if (answered < 0) {
                throw new DomainException(ErrorCode.CONFLICT, "The session has no message to answer");
            }
            return new Context(request.sessionId(), session.systemInstruction(), branch.subList(0, answered + 1),
                    null, branch.get(answered).id(), session.modelId(), attached);
        }
        if (request.regenerateOf() != null) {
            SessionHistory session = history(request.ownerId(), request.sessionId(), request.regenerateOf());
            SessionHistory.Message answer = session.last();
            if (answer.answerable()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only an answer can be regenerated",
                        Map.of("messageId", "must be an assistant message"));
            }
            return new Context(request.sessionId(), session.systemInstruction(), session.beforeLast(), null,
                    answer.parentId(), session.modelId(), attached);
        }
        if (request.editOf() != null) {
            SessionHistory session = history(request.ownerId(), request.sessionId(), request.editOf());
            SessionHistory.Message edited = session.last();
            if (!edited.fromUser()) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only a user message can be edited",
                        Map.of("messageId", "must be a user message"));
            }
            return new Context(request.sessionId(), session.systemInstruction(), session.beforeLast(),
                    new UserMessage("msg-" + UUID.randomUUID(), edited.parentId(), request.content(), attached),
                    null, session.modelId(), List.of());
        }
        if (request.sessionId() == null) {
            return new Context(null, null, List.of(),
                    new UserMessage("msg-" + UUID.randomUUID(), null, request.content(), attached), null, null,
                    List.of());
        }
        SessionHistory session = history(request.ownerId(), request.sessionId(), null);
        String parent = session.last() == null ? null : session.last().id();
        return new Context(request.sessionId(), session.systemInstruction(), session.branch(),
                new UserMessage("msg-" + UUID.randomUUID(), parent, request.content(), attached), null,
                session.modelId(), List.of());
    }

    /** Refuses with {@code NOT_FOUND} a session that is not the owner's or is deleted, as its aggregate says. */
    public void requireSession(UserId owner, SessionId sessionId) {
        history(owner, sessionId, null);
    }

    /**
     * The session's branch down to {@code lastId} (null: the one last written to), as much of it as a prompt can hold,
     * from its aggregate, which the aggregate cache usually holds.
     */
    private SessionHistory history(UserId owner, SessionId sessionId, String lastId) {
        if (sessionId == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such session");
        }
        return AggregateReads.read(sessions, sessionId.value(), session -> session.historyFor(owner, lastId,
                mostPromptMessages(), new ContextFilled(tokens, properties.contextTokens())), "No such session");
    }

    /**
     * How far back along a branch a turn looks, however long the session: a prompt holds the context's tokens over
     * {@link TokenCounter#PER_MESSAGE} messages at most, since each costs that much at least; twice as many leaves
     * room for the empty answers and deleted messages it leaves out, and two more for the message a regeneration or an
     * edit replaces.
     */
    private int mostPromptMessages() {
        return (int) Math.min(Integer.MAX_VALUE - 2, 2 * (properties.contextTokens() / TokenCounter.PER_MESSAGE)) + 2;
    }

    /** The user message the answer replies to: the one just written, or, for a regeneration, the one answered. */
    private static String answeredText(Context context) {
        if (context.userMessage() != null) {
            return context.userMessage().content();
        }
        return context.history().isEmpty() ? null : context.history().get(context.history().size() - 1).content();
    }

    /** A turn that names no model, in a session that has none, goes to the catalogue's default model. */
    CatalogModel defaultModel(Access caller) {
        return catalog.defaultModel(candidate -> usable(candidate, caller))
                .orElseThrow(() -> new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "No model is available to answer; name one with modelId"));
    }

    private boolean usable(CatalogModel model, Access caller) {
        return !model.embedding() && catalog.providerOf(model).configured() && modelAccess.allows(caller, model);
    }

    private StartSessionCommand startSession(SessionId sessionId, TurnRequest request, Context context,
                                             CatalogModel model) {
        String firstLine = context.userMessage().content().strip().lines().findFirst().orElse("New chat");
        String title = firstLine.length() > TITLE_LENGTH ? firstLine.substring(0, TITLE_LENGTH - 1) + "…" : firstLine;
        return new StartSessionCommand(sessionId, request.ownerId(), title.isBlank() ? "New chat" : title, null,
                model.id(), clock.instant());
    }

    /** Reserves for a request; its refusal is thrown. */
    void reserve(ReserveTokensCommand reservation) {
        walletCommands.sendAndWait(reservation.walletId(), reservation);
    }

    /**
     * Settles or releases a reservation and answers with the wallet after it; null when it was already closed
     * otherwise (a timeout got there first), which is then how it stays.
     */
    WalletBalance close(WalletId wallet, Object settlement) {
        try {
            return walletCommands.sendAndWait(wallet, settlement);
        } catch (DomainException closedOtherwise) {
            log.warn("A reservation could not be closed: {}", closedOtherwise.getMessage());
            return null;
        }
    }

    /** Tokens the prompt may take: the model's context or {@code CHAT_CONTEXT_TOKENS}, the smaller, less the answer's. */
    long promptBudget(CatalogModel model, GenerationOptions options) {
        long context = model.contextLength() > 0 ? Math.min(model.contextLength(), properties.contextTokens())
                : properties.contextTokens();
        return context - estimate(0, options);
    }

    private Prompt prompt(Context context, long budget) {
        Deque<ChatRequest.ChatMessage> sent = new ArrayDeque<>();
        List<Attachment> files = new ArrayList<>();
        long used = context.systemInstruction() == null ? 0
                : tokens.countMessages(List.of(context.systemInstruction()));
        if (context.userMessage() != null) {
            ChatRequest.ChatMessage message = new ChatRequest.ChatMessage(ChatRequest.Role.USER,
                    context.userMessage().content(), attachments.parts(context.userMessage().attachments()));
            sent.addFirst(message);
            used += tokens(message);
            files.addAll(context.userMessage().attachments());
        }
        List<SessionHistory.Message> history = context.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            SessionHistory.Message message = history.get(i);
            if (message.emptyAnswer()) {
                continue;
            }
            List<Attachment> attached = List.of();
            ChatRequest.ChatMessage chat;
            if (message.speaker() == SessionHistory.Speaker.ASSISTANT) {
                chat = new ChatRequest.ChatMessage(ChatRequest.Role.ASSISTANT, message.content());
            } else {
                List<Attachment> withAnswers = new ArrayList<>(message.attachments());
                withAnswers.addAll(i + 1 < history.size() ? history.get(i + 1).attachments()
                        : context.answerAttachments());
                attached = withAnswers.stream().distinct().toList();
                String text = message.speaker() == SessionHistory.Speaker.TOOL ? TOOL_RESULT + message.content()
                        : message.content();
                chat = new ChatRequest.ChatMessage(ChatRequest.Role.USER, text, attachments.parts(attached));
            }
            long cost = tokens(chat);
            if (!sent.isEmpty() && used + cost > budget) {
                break;
            }
            sent.addFirst(chat);
            used += cost;
            files.addAll(attached);
        }
        while (sent.size() > 1 && sent.peekFirst().role() == ChatRequest.Role.ASSISTANT) {
            used -= tokens(sent.removeFirst());
        }
        return new Prompt(List.copyOf(sent), used, files);
    }

    private long tokens(ChatRequest.ChatMessage message) {
        List<String> texts = new ArrayList<>();
        texts.add(message.content());
        long images = 0;
        for (ChatRequest.Part part : message.attachments()) {
            if (part instanceof ChatRequest.TextPart text) {
                texts.add(text.text());
            } else {
                images++;
            }
        }
        return tokens.countMessages(texts) + images * Attachments.IMAGE_TOKENS;
    }

    Cost cost(CatalogModel model, TokenCount usage) {
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
        private final WalletId wallet;
        private final String parentId;
        private final Instant startedAt;
        private final long promptTokens;
        private final List<Attachment> attachments;

        Listener(Generation generation, CompletableFuture<Object> started, CatalogModel model, WalletId wallet,
                 String parentId, Instant startedAt, long promptTokens, List<Attachment> attachments) {
            this.generation = generation;
            this.started = started;
            this.model = model;
            this.wallet = wallet;
            this.parentId = parentId;
            this.startedAt = startedAt;
            this.promptTokens = promptTokens;
            this.attachments = attachments;
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

        /** Records the answer, then pays for it: settled for what was used, or released when nothing was. */
        void ended(TokenUsage reported, String finishReason, String errorCode, String errorMessage) {
            try {
                started.join();
                Generation.Text text = generation.text();
                TokenCount usage = reported != null
                        ? new TokenCount(reported.promptTokens(), reported.completionTokens(), reported.totalTokens())
                        : counted(text, errorCode == null);
                Cost cost = cost(model, usage);
                Instant endedAt = clock.instant();
                if (errorCode == null) {
                    long latency = generation.latencyMillis();
                    long timeToFirstToken = generation.timeToFirstTokenMillis();
                    WalletBalance balance = recordAndClose(new CompleteAssistantMessageCommand(generation.sessionId(),
                            generation.ownerId(), generation.messageId(), text.content(), text.thoughts(), usage,
                            finishReason, latency, timeToFirstToken, cost, endedAt),
                            new SettleReservationCommand(wallet, generation.messageId(), usage.totalTokens(), endedAt));
                    generation.finish(new Generation.Result(generation.sessionId(), answer(text, "complete", usage,
                            cost, latency, timeToFirstToken, finishReason, null, null), usage, balance));
                } else {
                    WalletBalance balance = recordAndClose(new FailAssistantMessageCommand(generation.sessionId(),
                            generation.ownerId(), generation.messageId(), text.content(), text.thoughts(), usage,
                            errorCode, errorMessage, cost, endedAt), usage.totalTokens() > 0
                            ? new SettleReservationCommand(wallet, generation.messageId(), usage.totalTokens(), endedAt)
                            : new ReleaseReservationCommand(wallet, generation.messageId(), errorCode, endedAt));
                    generation.fail(new Generation.Failure(errorCode, errorMessage, answer(text,
                            text.content().isEmpty() ? "failed" : "partial", usage, cost, null, null, null, errorCode,
                            errorMessage), balance));
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

        /**
         * Records the answer's end on its session while its reservation is closed on the wallet, and answers once both
         * are appended: two aggregates, so neither append waits for the other.
         */
        private WalletBalance recordAndClose(Object answerEnd, Object settlement) {
            CompletableFuture<Object> recorded = CompletableFuture.supplyAsync(() -> commands.sendAndWait(answerEnd),
                    turnExecutor);
            WalletBalance balance = close(wallet, settlement);
            recorded.join();
            return balance;
        }

        /** The answer as recorded, as the chat read model will show it. */
        private MessageView answer(Generation.Text text, String status, TokenCount usage, Cost cost, Long latency,
                                   Long timeToFirstToken, String finishReason, String errorCode, String errorMessage) {
            return new MessageView(generation.messageId(), generation.sessionId().value(), parentId, "assistant",
                    text.content(), text.thoughts(), status, model.id(), model.provider(), usage, cost, latency,
                    timeToFirstToken, finishReason, errorCode, errorMessage, startedAt,
                    MessageView.AttachmentView.of(attachments));
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
}
