package com.aipasta.command.apikey;

import com.aipasta.account.api.value.Role;
import com.aipasta.apikey.api.command.CreateApiKeyCommand;
import com.aipasta.apikey.api.command.RevokeApiKeyCommand;
import com.aipasta.apikey.api.query.ApiKeyView;
import com.aipasta.apikey.api.query.FindApiKeyQuery;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.apikey.api.value.ApiKeyScope;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creating and revoking the caller's API keys; listing them is the query side's. */
@RestController
public class ApiKeyController {

    /** {@code scopes} left out means every scope. */
    public record NewApiKey(@NotBlank @Size(max = 100) String name,
                            @Size(min = 1, max = 3) List<@NotNull @Pattern(regexp = "chat|models|tools",
                                    message = "must be chat, models or tools") String> scopes,
                            Instant expiresAt) {
    }

    public record CreatedKey(ApiKeyView apiKey, String key) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final ApiKeys apiKeys;
    private final Clock clock;

    public ApiKeyController(CommandGateway commands, QueryGateway queries,
                            ReadModels readModels, ApiKeys apiKeys, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** The key itself is in this answer only. */
    @PostMapping("/api/user/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedKey create(@AuthenticationPrincipal AccessToken caller, @Valid @RequestBody NewApiKey request) {
        if (caller.role() == Role.GUEST) {
            throw new DomainException(ErrorCode.FORBIDDEN, "A guest cannot have API keys; register first");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "expiresAt must be in the future",
                    Map.of("expiresAt", "must be in the future"));
        }
        ApiKeys.NewKey key = apiKeys.generate();
        commands.sendAndWait(new CreateApiKeyCommand(key.keyId(), caller.userId(), request.name().strip(),
                key.prefix(), key.hash(), scopes(request.scopes()), request.expiresAt(), now));
        ApiKeyView view = readModels.await(key.keyId().value(), () -> find(caller, key.keyId()), shown -> true);
        return new CreatedKey(view, key.key());
    }

    /** Stops the key at once; a key that is not the caller's, or not there, is 404. */
    @DeleteMapping("/api/user/api-keys/{keyId}")
    public Map<String, Boolean> revoke(@AuthenticationPrincipal AccessToken caller, @PathVariable String keyId) {
        if (!keyId.matches(ApiKeyId.PREFIX + "[0-9a-f]{32}")) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such API key");
        }
        ApiKeyId id = new ApiKeyId(keyId);
        commands.sendAndWait(new RevokeApiKeyCommand(id, caller.userId(), clock.instant()));
        readModels.await(id.value(), () -> Optional.of(find(caller, id).isEmpty()), Boolean::booleanValue);
        return Map.of("revoked", true);
    }

    private Optional<ApiKeyView> find(AccessToken caller, ApiKeyId keyId) {
        return queries.query(new FindApiKeyQuery(keyId, caller.userId()),
                ResponseTypes.optionalInstanceOf(ApiKeyView.class)).join();
    }

    private static Set<ApiKeyScope> scopes(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(ApiKeyScope.class);
        }
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        names.forEach(name -> scopes.add(ApiKeyScope.valueOf(name.toUpperCase(Locale.ROOT))));
        return scopes;
    }
}
