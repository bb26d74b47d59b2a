package com.aipasta.template.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An administrator hides a template from everyone but its owner, or shows it again. */
public record ModerateTemplateCommand(@TargetAggregateIdentifier TemplateId templateId, UserId moderatedBy,
                                      boolean hidden, String reason, Instant moderatedAt) {

    public ModerateTemplateCommand {
        Require.present(templateId, "templateId");
        Require.present(moderatedBy, "moderatedBy");
        Require.present(moderatedAt, "moderatedAt");
    }
}
