package com.aipasta.command.chat.session;

import com.aipasta.chat.api.command.RevokeSessionShareCommand;
import com.aipasta.chat.api.command.ShareSessionCommand;
import com.aipasta.chat.api.query.FindSharedSessionQuery;
import com.aipasta.chat.api.query.SharedSessionView;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.http.ReadModels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Sharing a session by link and revoking the link. A share id is 192 random bits, URL-safe Base64 without padding
 * (32 characters), so it cannot be guessed; reading a share is the query side's.
 */
@RestController
public class SessionShareController {

    public static final String SHARE_PATH = "/api/share/";
    private static final int SHARE_ID_BYTES = 24;

    public record ShareBody(@Size(max = 100) String displayName) {
    }

    public record Share(String shareId, String url) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModels readModels;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SessionShareController(CommandGateway commands, QueryGateway queries, ReadModels readModels, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
        this.clock = clock;
    }

    /** Answers once the snapshot can be read; sharing a shared session again answers its share. */
    @PostMapping("/api/chat/sessions/{sessionId}/share")
    public Share share(@AuthenticationPrincipal AccessToken caller, @PathVariable String sessionId,
                       @Valid @RequestBody(required = false) ShareBody body) {
        String displayName = body == null || body.displayName() == null || body.displayName().isBlank() ? null
                : body.displayName().strip();
        String shareId = commands.sendAndWait(new ShareSessionCommand(new SessionId(sessionId), caller.userId(),
                newShareId(), displayName, clock.instant()));
        readModels.await(sessionId, () -> find(shareId), shown -> true);
        return new Share(shareId, SHARE_PATH + shareId);
    }

    @DeleteMapping("/api/chat/sessions/{sessionId}/share")
    public Map<String, Boolean> revoke(@AuthenticationPrincipal AccessToken caller, @PathVariable String sessionId) {
        String shareId = commands.sendAndWait(new RevokeSessionShareCommand(new SessionId(sessionId),
                caller.userId(), clock.instant()));
        readModels.await(sessionId, () -> Optional.of(find(shareId).isEmpty()), Boolean::booleanValue);
        return Map.of("revoked", true);
    }

    private String newShareId() {
        byte[] bits = new byte[SHARE_ID_BYTES];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    private Optional<SharedSessionView> find(String shareId) {
        return queries.query(new FindSharedSessionQuery(shareId),
                ResponseTypes.optionalInstanceOf(SharedSessionView.class)).join();
    }
}
