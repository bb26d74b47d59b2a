package com.aipasta.template.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces every field of the template; only its owner may. */
public record UpdateTemplateCommand(@TargetAggregateIdentifier TemplateId templateId, UserId requestedBy,
                                    TemplateContent content, Instant updatedAt) {

    public UpdateTemplateCommand {
        Require.present(templateId, "templateId");
        Require.present(requestedBy, "requestedBy");
        Require.present(content, "content");
        Require.present(updatedAt, "updatedAt");
    }
}
