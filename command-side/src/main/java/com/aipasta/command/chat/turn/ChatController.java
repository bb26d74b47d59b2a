package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.FindSessionSummaryQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.Thinking;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chat turns over HTTP. With {@code Accept: text/event-stream} an answer streams as server-sent events
 * ({@code meta}, {@code thought}, {@code delta}, then {@code done} or {@code error}); otherwise the request
 * waits for the answer and gets it as one JSON document. A client that goes away does not stop the answer.
 * {@code modelId: "auto"} lets the leaderboard pick the model; {@code meta}, {@code done} and the JSON answer say
 * which model answers ({@code modelId}, {@code provider}), the message's {@code category} and {@code autoSelected}.
 */
@RestController
public class ChatController {

    public record ThinkingOptions(@NotNull Boolean enabled, @Min(0) @Max(32_768) Integer budgetTokens) {
        Thinking value() {
            return new Thinking(enabled, budgetTokens);
        }
    }

    public record Options(@DecimalMin("0") @DecimalMax("2") Double temperature,
                          @Min(1) @Max(1_000_000) Integer maxTokens,
                          @DecimalMin("0") @DecimalMax("1") Double topP,
                          @Valid ThinkingOptions thinking) {
        GenerationOptions value() {
            return new GenerationOptions(temperature, maxTokens, topP, thinking == null ? null : thinking.value());
        }
    }

    /** {@code files} are ids of the caller's files, sent to the model with the message. */
    public record TurnBody(@NotBlank @Size(max = 100_000) String message, @Size(max = 300) String modelId,
                           @Size(max = 100) String sessionId, @Valid Options options,
                           @Size(max = Attachments.MAX_FILES) List<@NotBlank @Size(max = 100) String> files) {
    }

    public record EditBody(@NotBlank @Size(max = 100_000) String content, @Size(max = 300) String modelId,
                           @Valid Options options,
                           @Size(max = Attachments.MAX_FILES) List<@NotBlank @Size(max = 100) String> files) {
    }

    /** {@code files} are sent with the message answered, for this answer and the branch that goes on from it. */
    public record RegenerateBody(@Size(max = 300) String modelId, @Valid Options options,
                                 @Size(max = Attachments.MAX_FILES) List<@NotBlank @Size(max = 100) String> files) {
    }

    public record CompareBody(@NotBlank @Size(max = 100_000) String message,
                              @NotNull @Size(min = 2, max = 4) List<@NotBlank @Size(max = 300) String> modelIds,
                              @Size(max = 100) String sessionId, @Valid Options options) {
    }

    private static final String EVENTS = "Server-sent events: meta, then thought and delta as the answer comes, "
            + "then done (the answer, its usage and the caller's wallet after it) or error";
    /** A regeneration without a body: the session's model, the default options, no new files. */
    private static final RegenerateBody AS_BEFORE = new RegenerateBody(null, null, null);

    private static final Set<ErrorCode> SHOWS_THE_USER = EnumSet.of(ErrorCode.PAYWALL,
            ErrorCode.INSUFFICIENT_TOKENS, ErrorCode.QUOTA_EXCEEDED, ErrorCode.MONTHLY_LIMIT_EXCEEDED);

    private final ChatTurns turns;
    private final LiveGenerations live;
    private final TurnStreams streams;
    private final ReadModels readModels;
    private final QueryGateway queries;
    private final TurnVisibility visibility;
    private final PendingReads pendingReads;
    private final ChatProperties properties;
    private final TurnAdmission admission;

    public ChatController(ChatTurns turns, LiveGenerations live, TurnStreams streams, ReadModels readModels,
                          QueryGateway queries, TurnVisibility visibility, PendingReads pendingReads,
                          ChatProperties properties, TurnAdmission admission) {
        this.turns = turns;
        this.live = live;
        this.streams = streams;
        this.readModels = readModels;
        this.queries = queries;
        this.visibility = visibility;
        this.pendingReads = pendingReads;
        this.properties = properties;
        this.admission = admission;
    }

    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @PostMapping(path = "/api/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void streamTurn(@AuthenticationPrincipal AccessToken caller, @Valid @RequestBody TurnBody body,
                           HttpServletRequest request, HttpServletResponse response) {
        streams.stream(start(caller, turnOf(caller, body)), request, response);
    }

    @PostMapping(path = "/api/chat", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> turn(@AuthenticationPrincipal AccessToken caller, @Valid @RequestBody TurnBody body) {
        return answer(start(caller, turnOf(caller, body)));
    }

    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @PostMapping(path = "/api/chat/messages/{messageId}/edit", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void streamEdit(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId,
                           @Valid @RequestBody EditBody body, HttpServletRequest request,
                           HttpServletResponse response) {
        streams.stream(start(caller, editOf(caller, message(caller, messageId), body)), request, response);
    }

    @PostMapping(path = "/api/chat/messages/{messageId}/edit", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> edit(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId,
                                    @Valid @RequestBody EditBody body) {
        return answer(start(caller, editOf(caller, message(caller, messageId), body)));
    }

    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @PostMapping(path = "/api/chat/messages/{messageId}/regenerate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void streamRegeneration(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId,
                                   @Valid @RequestBody(required = false) RegenerateBody body,
                                   HttpServletRequest request, HttpServletResponse response) {
        streams.stream(start(caller, regenerationOf(caller, message(caller, messageId), body)), request, response);
    }

    @PostMapping(path = "/api/chat/messages/{messageId}/regenerate", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> regenerate(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId,
                                          @Valid @RequestBody(required = false) RegenerateBody body) {
        return answer(start(caller, regenerationOf(caller, message(caller, messageId), body)));
    }

    /** One message answered by two to four models at once; their events share one stream, each naming its model. */
    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @PostMapping(path = "/api/chat/compare", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void streamComparison(@AuthenticationPrincipal AccessToken caller, @Valid @RequestBody CompareBody body,
                                 HttpServletRequest request, HttpServletResponse response) {
        streams.stream(compare(caller, body), request, response);
    }

    @PostMapping(path = "/api/chat/compare", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> comparison(@AuthenticationPrincipal AccessToken caller,
                                          @Valid @RequestBody CompareBody body) {
        ChatTurns.Comparison comparison = compare(caller, body);
        List<Object> outcomes = comparison.generations().stream()
                .map(generation -> generation.awaitOutcome(answerLimit())).toList();
        pendingReads.awaitFor(caller.userId());
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Generation generation = comparison.generations().get(i);
            Map<String, Object> answer = new LinkedHashMap<>(TurnStreams.choiceOf(generation.choice()));
            answer.put("messageId", generation.messageId());
            if (outcomes.get(i) instanceof Generation.Result result) {
                answer.put("status", "complete");
                answer.put("message", result.message());
                answer.put("usage", result.usage());
            } else if (outcomes.get(i) instanceof Generation.Failure failure) {
                answer.put("status", "failed");
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("code", failure.code());
                error.put("message", failure.message());
                answer.put("error", error);
                if (failure.partial() != null) {
                    answer.put("message", failure.partial());
                    answer.put("usage", failure.partial().usage());
                }
            }
            answers.add(answer);
        }
        SessionSummary session = summary(caller.userId(), comparison.sessionId());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("sessionId", comparison.sessionId().value());
        reply.put("userMessageId", comparison.userMessageId());
        reply.put("answers", answers);
        reply.put("session", session);
        reply.put("user", readModels.requireUser(caller.userId()));
        return reply;
    }

    /** A new answer to the last user message of the session's current branch, beside the answer it has. */
    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @PostMapping(path = "/api/chat/sessions/{sessionId}/regenerate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void streamLastRegeneration(@AuthenticationPrincipal AccessToken caller, @PathVariable String sessionId,
                                       @Valid @RequestBody(required = false) RegenerateBody body,
                                       HttpServletRequest request, HttpServletResponse response) {
        streams.stream(start(caller, lastAnswerOf(caller, sessionId, body)), request, response);
    }

    @PostMapping(path = "/api/chat/sessions/{sessionId}/regenerate", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> regenerateLast(@AuthenticationPrincipal AccessToken caller,
                                              @PathVariable String sessionId,
                                              @Valid @RequestBody(required = false) RegenerateBody body) {
        return answer(start(caller, lastAnswerOf(caller, sessionId, body)));
    }

    /** Replays what was generated so far and goes on live while the answer runs; a finished one is sent whole. */
    @ApiResponse(responseCode = "200", description = EVENTS,
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @GetMapping(path = "/api/chat/messages/{messageId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public void reattach(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId,
                         HttpServletRequest request, HttpServletResponse response) {
        Optional<Generation> running = runningHere(caller, messageId);
        if (running.isPresent()) {
            streams.stream(running.get(), request, response);
        } else {
            streams.replay(caller.userId(), message(caller, messageId), request, response);
        }
    }

    @GetMapping(path = "/api/chat/messages/{messageId}/stream", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> current(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId) {
        return Map.of("message", message(caller, messageId));
    }

    /**
     * Stops an answer; what it generated is kept and paid for. An answer another node generates is stopped by that
     * node, which obeys the stop's event; this answers once the read model shows the answer ended.
     */
    @PostMapping("/api/chat/messages/{messageId}/stop")
    public Map<String, Object> stop(@AuthenticationPrincipal AccessToken caller, @PathVariable String messageId) {
        Optional<Generation> running = runningHere(caller, messageId);
        MessageView message = running.isPresent() ? null : message(caller, messageId);
        if (message != null && !"assistant".equals(message.role())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Only an answer can be stopped",
                    Map.of("messageId", "must be an assistant message"));
        }
        boolean generatedElsewhere = message != null && !message.finished();
        if (generatedElsewhere) {
            turns.stopElsewhere(caller.userId(), new SessionId(message.sessionId()), messageId);
        }
        if (running.isPresent()) {
            turns.stopForOwner(messageId);
            Object outcome = running.get().awaitOutcome(answerLimit());
            if (outcome instanceof Generation.Failure failure && failure.partial() != null) {
                return Map.of("message", failure.partial(),
                        "user", readModels.requireUserWith(caller.userId(), failure.balance()));
            }
            if (outcome instanceof Generation.Result result) {
                return Map.of("message", result.message(),
                        "user", readModels.requireUserWith(caller.userId(), result.balance()));
            }
        }
        String sessionId = message != null ? message.sessionId() : running.get().sessionId().value();
        MessageView current = readModels.await(sessionId, () -> queries.query(
                new FindMessageQuery(caller.userId(), messageId), ResponseTypes.optionalInstanceOf(MessageView.class))
                .join(), view -> !generatedElsewhere || view.finished());
        return Map.of("message", current, "user", readModels.requireUser(caller.userId()));
    }

    /**
     * Starts a turn. Its answer does not wait for the read models; the caller's next request does, so that it sees
     * the answer and its payment. A refusal shows the caller's account and wallet.
     */
    private Generation start(AccessToken caller, ChatTurns.TurnRequest request) {
        admission.admit();
        Generation generation;
        try {
            generation = turns.start(request);
        } catch (DomainException refused) {
            if (!SHOWS_THE_USER.contains(refused.code())) {
                throw refused;
            }
            Map<String, Object> details = new LinkedHashMap<>(refused.details());
            pendingReads.awaitFor(caller.userId());
            details.put("user", readModels.requireUser(caller.userId()));
            throw new DomainException(refused.code(), refused.getMessage(), details);
        }
        expectShown(generation);
        return generation;
    }

    /** Starts a comparison; a refusal, decided for every model at once, shows the caller's account and wallet. */
    private ChatTurns.Comparison compare(AccessToken caller, CompareBody body) {
        List<String> modelIds = body.modelIds().stream().map(String::strip).toList();
        if (modelIds.stream().distinct().count() != modelIds.size()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "modelIds must name different models",
                    Map.of("modelIds", "must name different models"));
        }
        if (modelIds.stream().anyMatch(AutoModelSelector::isAuto)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "A comparison names its models",
                    Map.of("modelIds", "must name catalogue models, not auto"));
        }
        admission.admit();
        ChatTurns.Comparison comparison;
        try {
            comparison = turns.compare(new ChatTurns.ComparisonRequest(caller.userId(),
                    body.sessionId() == null ? null : new SessionId(body.sessionId()), body.message(), modelIds,
                    optionsOf(body.options())));
        } catch (DomainException refused) {
            if (!SHOWS_THE_USER.contains(refused.code())) {
                throw refused;
            }
            Map<String, Object> details = new LinkedHashMap<>(refused.details());
            pendingReads.awaitFor(caller.userId());
            details.put("user", readModels.requireUser(caller.userId()));
            throw new DomainException(refused.code(), refused.getMessage(), details);
        }
        comparison.generations().forEach(this::expectShown);
        return comparison;
    }

    /**
     * The caller's next requests wait until the read models show the answer under way (a stream names its session
     * in its first event, and the caller may read it at once), and once it has ended, until they show how.
     */
    private void expectShown(Generation generation) {
        pendingReads.expect(generation.ownerId(), () -> visibility.started(generation));
        generation.whenEnded(outcome -> pendingReads.expect(generation.ownerId(),
                () -> visibility.shown(generation, outcome)));
    }

    /** An answer this process is generating for the caller, which needs no read model to follow or stop. */
    private Optional<Generation> runningHere(AccessToken caller, String messageId) {
        return live.find(messageId).filter(generation -> generation.ownerId().equals(caller.userId()));
    }

    /** A JSON answer is the whole turn: it answers once the read models show it, as the session it returns does. */
    private Map<String, Object> answer(Generation generation) {
        Object outcome = generation.awaitOutcome(answerLimit());
        pendingReads.awaitFor(generation.ownerId());
        if (outcome instanceof Generation.Failure failure) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("providerError", failure.code());
            if (failure.partial() != null) {
                details.put("message", failure.partial());
            }
            details.put("user", readModels.requireUserWith(generation.ownerId(), failure.balance()));
            details.putAll(TurnStreams.choiceOf(generation.choice()));
            throw new DomainException(ErrorCode.PROVIDER_ERROR, failure.message(), details);
        }
        Generation.Result result = (Generation.Result) outcome;
        SessionSummary session = summary(generation.ownerId(), result.sessionId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", result.message());
        answer.put("usage", result.usage());
        answer.put("session", session);
        answer.put("user", readModels.requireUserWith(generation.ownerId(), result.balance()));
        answer.putAll(TurnStreams.choiceOf(generation.choice()));
        return answer;
    }

    private SessionSummary summary(UserId owner, SessionId sessionId) {
        return queries.query(new FindSessionSummaryQuery(owner, sessionId),
                ResponseTypes.optionalInstanceOf(SessionSummary.class)).join().orElse(null);
    }

    private MessageView message(AccessToken caller, String messageId) {
        return queries.query(new FindMessageQuery(caller.userId(), messageId),
                        ResponseTypes.optionalInstanceOf(MessageView.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such message"));
    }

    private static ChatTurns.TurnRequest turnOf(AccessToken caller, TurnBody body) {
        return new ChatTurns.TurnRequest(caller.userId(), body.sessionId() == null ? null
                : new SessionId(body.sessionId()), body.message(), null, null, false, blankToNull(body.modelId()),
                optionsOf(body.options()), body.files());
    }

    private static ChatTurns.TurnRequest editOf(AccessToken caller, MessageView edited, EditBody body) {
        return new ChatTurns.TurnRequest(caller.userId(), new SessionId(edited.sessionId()), body.content(),
                edited.id(), null, false, blankToNull(body.modelId()), optionsOf(body.options()), body.files());
    }

    private static ChatTurns.TurnRequest regenerationOf(AccessToken caller, MessageView answer,
                                                        RegenerateBody given) {
        RegenerateBody body = Objects.requireNonNullElse(given, AS_BEFORE);
        return new ChatTurns.TurnRequest(caller.userId(), new SessionId(answer.sessionId()), null, null, answer.id(),
                false, blankToNull(body.modelId()), optionsOf(body.options()), body.files());
    }

    private static ChatTurns.TurnRequest lastAnswerOf(AccessToken caller, String sessionId, RegenerateBody given) {
        RegenerateBody body = Objects.requireNonNullElse(given, AS_BEFORE);
        return new ChatTurns.TurnRequest(caller.userId(), new SessionId(sessionId), null, null, null, true,
                blankToNull(body.modelId()), optionsOf(body.options()), body.files());
    }

    private static GenerationOptions optionsOf(Options options) {
        return options == null ? GenerationOptions.DEFAULTS : options.value();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private Duration answerLimit() {
        return properties.reservationTimeout().plus(properties.sweepInterval());
    }
}
