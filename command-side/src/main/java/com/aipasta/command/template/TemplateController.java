package com.aipasta.command.template;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.template.api.command.CreateTemplateCommand;
import com.aipasta.template.api.command.DeleteTemplateCommand;
import com.aipasta.template.api.command.ModerateTemplateCommand;
import com.aipasta.template.api.command.UpdateTemplateCommand;
import com.aipasta.template.api.command.UseTemplateCommand;
import com.aipasta.template.api.query.FindTemplateQuery;
import com.aipasta.template.api.query.TemplateView;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creating, changing, deleting, using and moderating templates; listing them is the query side's. */
@RestController
public class TemplateController {

    /** Every field of a template; lengths are checked by {@link TemplateContent}, naming the field. */
    public record TemplateBody(String name, String description, String persona, String context, String instruction,
                               String format, String tone, String inputData, List<String> thinkingPoints,
                               List<String> warnings, Boolean askMe, Boolean isPublic, List<String> tags) {

        public TemplateContent content() {
            return new TemplateContent(name, description, persona, context, instruction, format, tone, inputData,
                    thinkingPoints, warnings, Boolean.TRUE.equals(askMe), Boolean.TRUE.equals(isPublic), tags);
        }
    }

    public record UseBody(@Size(max = UseTemplateCommand.INPUT_LENGTH) String input) {
    }

    public record Moderation(@NotNull Boolean hidden, @Size(max = 500) String reason) {
    }

    public record ComposedPrompt(String templateId, String prompt) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;

    public TemplateController(CommandGateway commands, QueryGateway queries, ReadModels readModels, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    /** A template id as the platform makes them; anything else names no template. */
    public static TemplateId templateId(String value) {
        if (value == null || !value.matches(TemplateId.PREFIX + "[0-9a-f]{32}")) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such template");
        }
        return new TemplateId(value);
    }

    public static TemplateId newTemplateId() {
        return new TemplateId(TemplateId.PREFIX + UUID.randomUUID().toString().replace("-", ""));
    }

    @PostMapping("/api/templates")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, TemplateView> create(@AuthenticationPrincipal AccessToken caller,
                                            @RequestBody TemplateBody body) {
        TemplateId id = newTemplateId();
        commands.sendAndWait(new CreateTemplateCommand(id, caller.userId(), body.content(), null, clock.instant()));
        return Map.of("template", awaitVersion(id, caller.userId(), 0));
    }

    @PutMapping("/api/templates/{id}")
    public Map<String, TemplateView> update(@AuthenticationPrincipal AccessToken caller, @PathVariable String id,
                                            @RequestBody TemplateBody body) {
        TemplateId templateId = templateId(id);
        TemplateContent content = body.content();
        long version = commands.sendAndWait(new UpdateTemplateCommand(templateId, caller.userId(), content,
                clock.instant()));
        return Map.of("template", awaitVersion(templateId, caller.userId(), version));
    }

    @DeleteMapping("/api/templates/{id}")
    public Map<String, Boolean> delete(@AuthenticationPrincipal AccessToken caller, @PathVariable String id) {
        TemplateId templateId = templateId(id);
        commands.sendAndWait(new DeleteTemplateCommand(templateId, caller.userId(), clock.instant()));
        readModels.await(templateId.value(), () -> Optional.of(find(templateId, caller.userId()).isEmpty()),
                Boolean::booleanValue);
        return Map.of("deleted", true);
    }

    /** The template's prompt composed with {@code input}, as {@link TemplatePrompt} documents. */
    @PostMapping("/api/templates/{id}/use")
    public ComposedPrompt use(@AuthenticationPrincipal AccessToken caller, @PathVariable String id,
                              @Valid @RequestBody(required = false) UseBody body) {
        TemplateId templateId = templateId(id);
        String prompt = commands.sendAndWait(new UseTemplateCommand(templateId, caller.userId(),
                body == null ? null : body.input(), null, clock.instant()));
        return new ComposedPrompt(templateId.value(), prompt);
    }

    @PatchMapping("/api/admin/templates/{id}")
    public Map<String, TemplateView> moderate(@AuthenticationPrincipal AccessToken caller, @PathVariable String id,
                                              @Valid @RequestBody Moderation body) {
        TemplateId templateId = templateId(id);
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        long version = commands.sendAndWait(new ModerateTemplateCommand(templateId, caller.userId(), body.hidden(),
                reason, clock.instant()));
        return Map.of("template", awaitVersion(templateId, null, version));
    }

    private TemplateView awaitVersion(TemplateId id, UserId owner, long version) {
        return readModels.await(id.value(), () -> find(id, owner), view -> view.version() >= version);
    }

    private Optional<TemplateView> find(TemplateId id, UserId owner) {
        return queries.query(new FindTemplateQuery(id, owner), ResponseTypes.optionalInstanceOf(TemplateView.class))
                .join();
    }
}
