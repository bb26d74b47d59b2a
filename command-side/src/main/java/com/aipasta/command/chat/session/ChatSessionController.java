package com.aipasta.command.chat.session;

import com.aipasta.chat.api.command.ChangeSessionSettingsCommand;
import com.aipasta.chat.api.command.DeleteMessageCommand;
import com.aipasta.chat.api.command.DeleteSessionCommand;
import com.aipasta.chat.api.command.RenameSessionCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.query.FindMessageQuery;
import com.aipasta.chat.api.query.FindSessionSummaryQuery;
import com.aipasta.chat.api.query.FindSharedSessionQuery;
import com.aipasta.chat.api.query.MessageView;
import com.aipasta.chat.api.query.SessionSummary;
import com.aipasta.chat.api.query.SharedSessionView;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.chat.catalog.ModelCatalog;
import com.aipasta.command.chat.turn.ChatController;
import com.aipasta.command.http.ReadModels;
import com.aipasta.command.template.TemplateController;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.template.api.command.UseTemplateCommand;
import com.aipasta.template.api.value.TemplateId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Creating, changing and deleting sessions and messages; reading them is the query side's. */
@RestController
public class ChatSessionController {

    private static final String DEFAULT_TITLE = "New chat";

    /** With {@code templateId}, the system instruction is the template composed with {@code templateInput}. */
    public record NewSession(@Size(max = 200) String title, @Size(max = 20_000) String systemInstruction,
                             @Size(max = 300) String modelId, @Size(max = 100) String templateId,
                             @Size(max = UseTemplateCommand.INPUT_LENGTH) String templateInput) {
    }

    /** Fields left out stay as they are. */
    public record SessionChanges(@Size(min = 1, max = 200) String title, @Size(max = 300) String modelId,
                                 @Valid ChatController.Options options) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final ModelCatalog catalog;
    private final Clock clock;

    public ChatSessionController(CommandGateway commands, QueryGateway queries, ReadModels readModels,
                                 ModelCatalog catalog, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.catalog = catalog;
        this.clock = clock;
    }

    @PostMapping("/api/chat/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, SessionSummary> create(@AuthenticationPrincipal AccessToken caller,
                                              @Valid @RequestBody(required = false) NewSession body) {
        NewSession request = body == null ? new NewSession(null, null, null, null, null) : body;
        requireKnownModel(request.modelId());
        SessionId sessionId = new SessionId("session-" + UUID.randomUUID());
        String title = request.title() == null || request.title().isBlank() ? DEFAULT_TITLE : request.title().strip();
        String instruction = request.systemInstruction() == null || request.systemInstruction().isBlank() ? null
                : request.systemInstruction();
        String templateId = null;
        if (request.templateId() != null) {
            if (instruction != null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "Give a systemInstruction or a templateId, not both",
                        Map.of("templateId", "cannot be given with a systemInstruction"));
            }
            templateId = TemplateController.templateId(request.templateId()).value();
            instruction = commands.sendAndWait(new UseTemplateCommand(new TemplateId(templateId), caller.userId(),
                    request.templateInput(), sessionId.value(), clock.instant()));
        }
        commands.sendAndWait(new StartSessionCommand(sessionId, caller.userId(), title, instruction,
                request.modelId(), clock.instant(), templateId));
        return Map.of("session", awaitSession(caller, sessionId, session -> true));
    }

    @PatchMapping("/api/chat/sessions/{sessionId}")
    public Map<String, SessionSummary> change(@AuthenticationPrincipal AccessToken caller,
                                              @PathVariable String sessionId,
                                              @Valid @RequestBody SessionChanges changes) {
        SessionId id = new SessionId(sessionId);
        requireKnownModel(changes.modelId());
        boolean renames = changes.title() != null && !changes.title().isBlank();
        if (!renames && changes.modelId() == null && changes.options() == null) {
            return Map.of("session", session(caller, id)
                    .orElseThrow(ChatSession::noSuchSession));
        }
        if (renames) {
            ofSession(() -> commands.sendAndWait(new RenameSessionCommand(id, caller.userId(),
                    changes.title().strip(), clock.instant())));
        }
        GenerationOptions options = changes.options() == null ? null : new GenerationOptions(
                changes.options().temperature(), changes.options().maxTokens(), changes.options().topP());
        if (changes.modelId() != null || options != null) {
            ofSession(() -> commands.sendAndWait(new ChangeSessionSettingsCommand(id, caller.userId(),
                    changes.modelId(), options, clock.instant())));
        }
        return Map.of("session", awaitSession(caller, id, session ->
                (!renames || session.title().equals(changes.title().strip()))
                        && (changes.modelId() == null || changes.modelId().equals(session.modelId()))
                        && (options == null || options.equals(session.options()))));
    }

    @DeleteMapping("/api/chat/sessions/{sessionId}")
    public Map<String, Boolean> delete(@AuthenticationPrincipal AccessToken caller, @PathVariable String sessionId) {
        SessionId id = new SessionId(sessionId);
        String share = ofSession(() -> commands.sendAndWait(new DeleteSessionCommand(id, caller.userId(),
                clock.instant())));
        readModels.await(id.value(), () -> Optional.of(session(caller, id).isEmpty()
                && (share == null || sharedAs(share).isEmpty())), Boolean::booleanValue);
        return Map.of("deleted", true);
    }

    @DeleteMapping("/api/chat/messages/{messageId}")
    public Map<String, Boolean> deleteMessage(@AuthenticationPrincipal AccessToken caller,
                                              @PathVariable String messageId) {
        MessageView message = message(caller, messageId)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such message"));
        commands.sendAndWait(new DeleteMessageCommand(new SessionId(message.sessionId()), caller.userId(), messageId,
                clock.instant()));
        readModels.await(message.sessionId(), () -> Optional.of(message(caller, messageId).isEmpty()),
                Boolean::booleanValue);
        return Map.of("deleted", true);
    }

    private void requireKnownModel(String modelId) {
        if (modelId != null && catalog.find(modelId).isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such model: " + modelId, Map.of("modelId", modelId));
        }
    }

    /** A command to a session never started is refused as one to another owner's session is. */
    private static <R> R ofSession(Supplier<R> command) {
        try {
            return command.get();
        } catch (AggregateNotFoundException neverStarted) {
            throw ChatSession.noSuchSession();
        }
    }

    private SessionSummary awaitSession(AccessToken caller, SessionId id, Predicate<SessionSummary> caughtUp) {
        return readModels.await(id.value(), () -> session(caller, id), caughtUp);
    }

    private Optional<SessionSummary> session(AccessToken caller, SessionId id) {
        return queries.query(new FindSessionSummaryQuery(caller.userId(), id),
                ResponseTypes.optionalInstanceOf(SessionSummary.class)).join();
    }

    private Optional<SharedSessionView> sharedAs(String shareId) {
        return queries.query(new FindSharedSessionQuery(shareId),
                ResponseTypes.optionalInstanceOf(SharedSessionView.class)).join();
    }

    private Optional<MessageView> message(AccessToken caller, String messageId) {
        return queries.query(new FindMessageQuery(caller.userId(), messageId),
                ResponseTypes.optionalInstanceOf(MessageView.class)).join();
    }
}
