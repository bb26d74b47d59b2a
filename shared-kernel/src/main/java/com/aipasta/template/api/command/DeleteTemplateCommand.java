package com.aipasta.template.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record DeleteTemplateCommand(@TargetAggregateIdentifier TemplateId templateId, UserId requestedBy,
                                    Instant deletedAt) {

    public DeleteTemplateCommand {
        Require.present(templateId, "templateId");
        Require.present(requestedBy, "requestedBy");
        Require.present(deletedAt, "deletedAt");
    }
}
