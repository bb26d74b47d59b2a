package com.aipasta.template.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code sourceGenerationId} (may be null) is the prompt generation the template was saved from. */
public record CreateTemplateCommand(@TargetAggregateIdentifier TemplateId templateId, UserId ownerId,
                                    TemplateContent content, String sourceGenerationId, Instant createdAt) {

    public CreateTemplateCommand {
        Require.present(templateId, "templateId");
        Require.present(ownerId, "ownerId");
        Require.present(content, "content");
        Require.present(createdAt, "createdAt");
    }
}
