package com.aipasta.command.template;

import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.AccessState;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.template.api.command.CreateTemplateCommand;
import com.aipasta.template.api.command.DeleteTemplateCommand;
import com.aipasta.template.api.command.ModerateTemplateCommand;
import com.aipasta.template.api.command.UpdateTemplateCommand;
import com.aipasta.template.api.command.UseTemplateCommand;
import com.aipasta.template.api.event.TemplateCreatedEvent;
import com.aipasta.template.api.event.TemplateDeletedEvent;
import com.aipasta.template.api.event.TemplateHiddenEvent;
import com.aipasta.template.api.event.TemplateUnhiddenEvent;
import com.aipasta.template.api.event.TemplateUpdatedEvent;
import com.aipasta.template.api.event.TemplateUsedEvent;
import com.aipasta.template.api.value.TemplateContent;
import com.aipasta.template.api.value.TemplateId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A prompt template. Its owner changes and deletes it; anyone may use it while it is public and not hidden by an
 * administrator, its owner always. To everyone else it does not exist (404), and once deleted to everyone.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Template {

    @AggregateIdentifier
    private TemplateId templateId;
    private UserId ownerId;
    private TemplateContent content;
    private boolean hidden;
    private boolean deleted;

    protected Template() {
    }

    @CommandHandler
    public Template(CreateTemplateCommand command) {
        apply(new TemplateCreatedEvent(command.templateId(), command.ownerId(), command.content(),
                command.sourceGenerationId(), command.createdAt()));
    }

    /** Answers with the template's version; the same content again records nothing. */
    @CommandHandler
    public long handle(UpdateTemplateCommand command) {
        requireOwner(command.requestedBy());
        if (!content.equals(command.content())) {
            apply(new TemplateUpdatedEvent(templateId, ownerId, command.content(), command.updatedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DeleteTemplateCommand command) {
        requireOwner(command.requestedBy());
        apply(new TemplateDeletedEvent(templateId, ownerId, command.deletedAt()));
        return AggregateLifecycle.getVersion();
    }

    /** The composed prompt; the use is recorded, for the counts. */
    @CommandHandler
    public String handle(UseTemplateCommand command, AccessState accounts) {
        boolean ownersOwn = ownerId.equals(command.usedBy());
        if (gone(accounts) || !ownersOwn && (!content.publicTemplate() || hidden)) {
            throw noSuchTemplate();
        }
        apply(new TemplateUsedEvent(templateId, ownerId, command.usedBy(), command.sessionId(), command.usedAt()));
        return TemplatePrompt.compose(content, command.input());
    }

    /** Hiding a hidden template, or showing a shown one, records nothing. */
    @CommandHandler
    public long handle(ModerateTemplateCommand command, AccessState accounts) {
        if (gone(accounts)) {
            throw noSuchTemplate();
        }
        if (command.hidden() && !hidden) {
            apply(new TemplateHiddenEvent(templateId, ownerId, command.moderatedBy(), command.reason(),
                    command.moderatedAt()));
        } else if (!command.hidden() && hidden) {
            apply(new TemplateUnhiddenEvent(templateId, ownerId, command.moderatedBy(), command.reason(),
                    command.moderatedAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    /** Deleted, or its owner's account is: the template exists for no one. */
    private boolean gone(AccessState accounts) {
        return deleted || accounts.of(ownerId).map(owner -> owner.deleted()).orElse(false);
    }

    private void requireOwner(UserId caller) {
        if (deleted || !ownerId.equals(caller)) {
            throw noSuchTemplate();
        }
    }

    private static DomainException noSuchTemplate() {
        return new DomainException(ErrorCode.NOT_FOUND, "No such template");
    }

    @EventSourcingHandler
    void on(TemplateCreatedEvent event) {
        templateId = event.templateId();
        ownerId = event.ownerId();
        content = event.content();
    }

    @EventSourcingHandler
    void on(TemplateUpdatedEvent event) {
        content = event.content();
    }

    @EventSourcingHandler
    void on(TemplateDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(TemplateHiddenEvent event) {
        hidden = true;
    }

    @EventSourcingHandler
    void on(TemplateUnhiddenEvent event) {
        hidden = false;
    }
}
