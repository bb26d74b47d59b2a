package com.aipasta.command.plugin;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.PostToolMessageCommand;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.chat.turn.ChatTurns;
import com.aipasta.command.chat.turn.Generation;
import com.aipasta.command.chat.turn.TurnAdmission;
import com.aipasta.command.chat.turn.TurnVisibility;
import com.aipasta.command.http.PendingReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.command.tool.Tool;
import com.aipasta.command.tool.ToolRuns;
import com.aipasta.command.tool.Tools;
import com.aipasta.tool.api.value.ToolChannel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Plugins: the tools grouped by provider, sent into a chat session. The call and its result become a message of role
 * {@code tool} in the session; with {@code sendToModel} the session's model answers it in a turn paid like any other;
 * with {@code runAsync} the request is answered 202 with a job id (the tool message's id) once the parameters are
 * checked, and the messages arrive in the session afterwards.
 */
@RestController
public class PluginController {

    private static final Logger log = LoggerFactory.getLogger(PluginController.class);

    public record SendBody(@NotBlank @Size(max = 100) String sessionId, Map<String, Object> parameters,
                           Boolean sendToModel, Boolean runAsync, @Size(max = 300) String modelId) {
    }

    private final Tools tools;
    private final ToolRuns runs;
    private final ChatTurns turns;
    private final TurnVisibility visibility;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final PendingReads pendingReads;
    private final ChatProperties chatProperties;
    private final ObjectMapper json;
    private final Clock clock;
    private final Executor turnExecutor;
    private final TurnAdmission admission;

    public PluginController(Tools tools, ToolRuns runs, ChatTurns turns, TurnVisibility visibility,
                            CommandGateway commands, QueryGateway queries, ReadModels readModels,
                            PendingReads pendingReads, ChatProperties chatProperties, ObjectMapper json, Clock clock,
                            @Qualifier("turnExecutor") Executor turnExecutor, TurnAdmission admission) {
        this.tools = tools;
        this.runs = runs;
        this.turns = turns;
        this.visibility = visibility;
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.pendingReads = pendingReads;
        this.chatProperties = chatProperties;
        this.json = json;
        this.clock = clock;
        this.turnExecutor = turnExecutor;
        this.admission = admission;
    }

    @GetMapping("/api/plugins")
    public Map<String, Object> providers() {
        List<Map<String, Object>> providers = tools.byProvider().entrySet().stream()
                .map(provider -> provider(provider.getKey(), provider.getValue())).toList();
        return Map.of("providers", providers);
    }

    @GetMapping("/api/plugins/{provider}")
    public Map<String, Object> plugins(@PathVariable String provider) {
        List<Tool> plugins = tools.byProvider().get(provider);
        if (plugins == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such plugin provider: " + provider);
        }
        return provider(provider, plugins);
    }

    @PostMapping("/api/plugins/{provider}/{plugin}/send")
    public ResponseEntity<Map<String, Object>> send(@AuthenticationPrincipal AccessToken caller,
                                                    @PathVariable String provider, @PathVariable String plugin,
                                                    @Valid @RequestBody SendBody body) {
        Tool tool = tools.find(plugin).filter(found -> found.provider().equals(provider))
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such plugin: " + provider + "/"
                        + plugin));
        UserId owner = caller.userId();
        SessionId sessionId = new SessionId(body.sessionId());
        boolean toModel = Boolean.TRUE.equals(body.sendToModel());
        ToolRuns.Outcome outcome = runs.execute(tool, body.parameters());
        PostToolMessageCommand post = new PostToolMessageCommand(sessionId, owner, "msg-" + UUID.randomUUID(),
                tool.name(), tool.provider(), content(tool, body.parameters(), outcome.result()), clock.instant());
        if (Boolean.TRUE.equals(body.runAsync())) {
            turns.requireSession(owner, sessionId);
            turnExecutor.execute(() -> deliverLater(post, outcome, toModel, body.modelId()));
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("jobId", post.messageId());
            accepted.put("sessionId", sessionId.value());
            accepted.put("status", "accepted");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
        }
        commands.sendAndWait(post);
        runs.record(owner, outcome, ToolChannel.PLUGIN);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", outcome.result());
        answer.put("message", readModels.await(sessionId.value(), () -> queries.query(new FindMessageQuery(owner,
                post.messageId()), ResponseTypes.optionalInstanceOf(MessageView.class)).join(), message -> true));
        if (toModel) {
            answer.put("answer", modelAnswer(owner, sessionId, body.modelId()));
        }
        return ResponseEntity.ok(answer);
    }

    /** The session's model answers the tool message; a refusal (tokens, quota, plan) is the answer's, not the call's. */
    private Map<String, Object> modelAnswer(UserId owner, SessionId sessionId, String modelId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Generation generation;
        try {
            generation = startTurn(owner, sessionId, modelId);
        } catch (DomainException refused) {
            answer.put("status", "refused");
            answer.put("error", Map.of("code", refused.code().name(), "message", refused.getMessage()));
            return answer;
        }
        Object outcome = generation.awaitOutcome(chatProperties.reservationTimeout().plus(chatProperties.sweepInterval()));
        pendingReads.awaitFor(owner);
        if (outcome instanceof Generation.Result result) {
            answer.put("status", "complete");
            answer.put("message", result.message());
            answer.put("usage", result.usage());
            answer.put("user", readModels.requireUserWith(owner, result.balance()));
        } else if (outcome instanceof Generation.Failure failure) {
            answer.put("status", "failed");
            answer.put("error", Map.of("code", failure.code(), "message", failure.message()));
            if (failure.partial() != null) {
                answer.put("message", failure.partial());
            }
            answer.put("user", readModels.requireUserWith(owner, failure.balance()));
        }
        return answer;
    }

    private Generation startTurn(UserId owner, SessionId sessionId, String modelId) {
        admission.admit();
        Generation generation = turns.start(new ChatTurns.TurnRequest(owner, sessionId, null, null, null, true,
                modelId == null || modelId.isBlank() ? null : modelId, null, List.of()));
        generation.whenEnded(outcome -> pendingReads.expect(owner, () -> visibility.shown(generation, outcome)));
        return generation;
    }

    /** The asynchronous half of a send: the tool message, the recorded use and, if asked, the model's answer. */
    private void deliverLater(PostToolMessageCommand post, ToolRuns.Outcome outcome, boolean toModel,
                              String modelId) {
        try {
            commands.sendAndWait(post);
            runs.record(post.ownerId(), outcome, ToolChannel.PLUGIN);
            if (toModel) {
                startTurn(post.ownerId(), post.sessionId(), modelId);
            }
        } catch (RuntimeException failed) {
            log.warn("Plugin job {} in session {} did not complete: {}", post.messageId(), post.sessionId(),
                    failed.getMessage());
        }
    }



    /** The call and its result as the tool message's JSON text. */
    private String content(Tool tool, Map<String, Object> parameters, Map<String, Object> result) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("tool", tool.name());
        call.put("provider", tool.provider());
        call.put("parameters", parameters == null ? Map.of() : parameters);
        call.put("result", result);
        try {
            return json.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tool's call and result are JSON values", e);
        }
    }

    private static Map<String, Object> provider(String provider, List<Tool> plugins) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("provider", provider);
        described.put("plugins", plugins.stream().map(Tools::describe).toList());
        return described;
    }
}
