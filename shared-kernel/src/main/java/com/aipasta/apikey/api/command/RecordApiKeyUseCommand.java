package com.aipasta.apikey.api.command;

import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordApiKeyUseCommand(@TargetAggregateIdentifier ApiKeyId keyId, Instant usedAt) {

    public RecordApiKeyUseCommand {
        Require.present(keyId, "keyId");
        Require.present(usedAt, "usedAt");
    }
}
