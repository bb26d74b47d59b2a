package com.aipasta.command.apikey;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.command.CreateApiKeyCommand;
import com.aipasta.apikey.api.command.RecordApiKeyUseCommand;
import com.aipasta.apikey.api.command.RevokeApiKeyCommand;
import com.aipasta.apikey.api.event.ApiKeyCreatedEvent;
import com.aipasta.apikey.api.event.ApiKeyRevokedEvent;
import com.aipasta.apikey.api.event.ApiKeyUsedEvent;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One API key: created with its hash, used, revoked. Only its owner may revoke it; to anyone else it does not exist. */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class ApiKey {

    @AggregateIdentifier
    private ApiKeyId keyId;
    private UserId ownerId;
    private boolean revoked;

    protected ApiKey() {
    }

    @CommandHandler
    public ApiKey(CreateApiKeyCommand command) {
        apply(new ApiKeyCreatedEvent(command.keyId(), command.ownerId(), command.name(), command.prefix(),
                command.keyHash(), command.scopes(), command.expiresAt(), command.createdAt()));
    }

    /** Answers with the key's version; revoking a revoked key again records nothing. */
    @CommandHandler
    public long handle(RevokeApiKeyCommand command) {
        if (!ownerId.equals(command.requestedBy())) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such API key");
        }
        if (!revoked) {
            apply(new ApiKeyRevokedEvent(keyId, ownerId, command.revokedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public void handle(RecordApiKeyUseCommand command) {
        if (revoked) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such API key");
        }
        apply(new ApiKeyUsedEvent(keyId, ownerId, command.usedAt()));
    }

    @EventSourcingHandler
    void on(ApiKeyCreatedEvent event) {
        keyId = event.keyId();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        revoked = true;
    }
}
