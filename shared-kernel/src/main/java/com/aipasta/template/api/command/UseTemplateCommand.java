package com.aipasta.template.api.command;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;
import com.aipasta.template.api.value.TemplateId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Uses a template: its owner's, or a public one not hidden. Answers with the composed prompt of the template and
 * {@code input} (may be null). {@code sessionId} (may be null) is the chat session it starts.
 */
public record UseTemplateCommand(@TargetAggregateIdentifier TemplateId templateId, UserId usedBy, String input,
                                 String sessionId, Instant usedAt) {

    public static final int INPUT_LENGTH = 20_000;

    public UseTemplateCommand {
        Require.present(templateId, "templateId");
        Require.present(usedBy, "usedBy");
        Require.present(usedAt, "usedAt");
    }
}
