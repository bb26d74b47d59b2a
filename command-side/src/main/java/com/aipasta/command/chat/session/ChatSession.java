package com.aipasta.command.chat.session;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.ChangeSessionSettingsCommand;
import com.aipasta.chat.api.command.CompleteAssistantMessageCommand;
import com.aipasta.chat.api.command.DeleteMessageCommand;
import com.aipasta.chat.api.command.DeleteSessionCommand;
import com.aipasta.chat.api.command.FailAssistantMessageCommand;
import com.aipasta.chat.api.command.PostToolMessageCommand;
import com.aipasta.chat.api.command.RateMessageCommand;
import com.aipasta.chat.api.command.RenameSessionCommand;
import com.aipasta.chat.api.command.RequestAnswerStopCommand;
import com.aipasta.chat.api.command.RevokeSessionShareCommand;
import com.aipasta.chat.api.command.ShareSessionCommand;
import com.aipasta.chat.api.command.StartSessionCommand;
import com.aipasta.chat.api.command.StartSessionWithTurnCommand;
import com.aipasta.chat.api.command.StartTurnCommand;
import com.aipasta.chat.api.event.AnswerStopRequestedEvent;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.MessageRatedEvent;
import com.aipasta.chat.api.event.SessionDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionSettingsChangedEvent;
import com.aipasta.chat.api.event.SessionShareRevokedEvent;
import com.aipasta.chat.api.event.SessionSharedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.ToolMessagePostedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.value.Attachment;
import com.aipasta.chat.api.value.GenerationOptions;
import com.aipasta.chat.api.value.ModelRef;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.chat.api.value.Vote;
import com.aipasta.common.DataSubject;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PersonalData;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation: a tree of messages, each pointing at the message it follows. Editing a user message or
 * regenerating an answer adds a sibling, so every earlier branch stays in the log.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks",
        snapshotTriggerDefinition = "growingStateSnapshotTrigger")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ChatSession {

    private enum Author { USER, ASSISTANT, TOOL }

    private enum State { GENERATING, COMPLETED, FAILED }

    /** {@code attachments} is null in snapshots taken before files could be attached. */
    private record Message(Author author, State state, ModelRef model, PromptCategory category, Vote vote,
                           boolean deleted, String parentId, @PersonalData String content,
                           List<Attachment> attachments) {
        Message {
            attachments = attachments == null ? List.of() : attachments;
        }

        Message finished(State next, String text) {
            return new Message(author, next, model, category, vote, deleted, parentId, text, attachments);
        }

        Message withVote(Vote next) {
            return new Message(author, state, model, category, next, deleted, parentId, content, attachments);
        }

        Message asDeleted() {
            return new Message(author, state, model, category, vote, true, parentId, content, attachments);
        }
    }

    @AggregateIdentifier
    private SessionId sessionId;
    @DataSubject
    private UserId ownerId;
    private boolean deleted;
    @PersonalData
    private String systemInstruction;
    private String modelId;
    private GenerationOptions options;
    private String activeLeafId;
    private String shareId;
    private final Map<String, Message> messages = new HashMap<>();

    protected ChatSession() {
    }

    @CommandHandler
    public ChatSession(StartSessionCommand command) {
        apply(started(command));
    }

    /** The session's first events and its first turn's, in one append; the turn is checked as on a started session. */
    @CommandHandler
    public ChatSession(StartSessionWithTurnCommand command) {
        apply(started(command.session())).andThen(() -> handle(command.turn()));
    }

    private static SessionStartedEvent started(StartSessionCommand command) {
        return new SessionStartedEvent(command.sessionId(), command.ownerId(), command.title(),
                command.systemInstruction(), command.modelId(), command.startedAt(), command.templateId());
    }

    /** Answers with the share id in use: a session already shared keeps its share and records nothing. */
    @CommandHandler
    public String handle(ShareSessionCommand command) {
        requireOwner(command.ownerId());
        if (shareId == null) {
            apply(new SessionSharedEvent(sessionId, ownerId, command.shareId(), command.displayName(),
                    command.sharedAt()));
        }
        return shareId;
    }

    /** Answers with the share id revoked. */
    @CommandHandler
    public String handle(RevokeSessionShareCommand command) {
        requireOwner(command.ownerId());
        String revoked = shareId;
        if (revoked == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The session is not shared");
        }
        apply(new SessionShareRevokedEvent(sessionId, ownerId, revoked, command.revokedAt()));
        return revoked;
    }

    @CommandHandler
    public void handle(StartTurnCommand command) {
        requireOwner(command.ownerId());
        requireUnused(command.assistantMessageId());
        String answered;
        if (command.userMessage() != null && !command.answerAttachments().isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "The files of a new message are attached to the message",
                    Map.of("answerAttachments", "must be empty when a user message is posted"));
        }
        if (command.userMessage() != null) {
            String parent = command.userMessage().parentId();
            if (parent != null) {
                requireLive(parent);
            }
            requireUnused(command.userMessage().messageId());
            apply(new UserMessagePostedEvent(sessionId, ownerId, command.userMessage().messageId(), parent,
                    command.userMessage().content(), command.startedAt(), command.userMessage().attachments()));
            answered = command.userMessage().messageId();
        } else {
            answered = command.assistantParentId();
            if (answered == null || requireLive(answered).author() == Author.ASSISTANT) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED,
                        "An answer must follow a user message or a tool's result",
                        Map.of("messageId", "must be a user or tool message"));
            }
        }
        apply(new AssistantMessageStartedEvent(sessionId, ownerId, command.assistantMessageId(), answered,
                command.model(), command.walletId(), command.reservedTokens(), command.startedAt(),
                command.category(), command.promptTokens(), command.comparisonId(), command.answerAttachments()));
    }

    @CommandHandler
    public void handle(CompleteAssistantMessageCommand command) {
        requireOwnerOfExistingSession(command.ownerId());
        Message message = requireAnswer(command.messageId());
        if (message.state() == State.COMPLETED) {
            return;
        }
        if (message.state() == State.FAILED) {
            throw new DomainException(ErrorCode.CONFLICT, "The answer " + command.messageId() + " already failed");
        }
        apply(new AssistantMessageCompletedEvent(sessionId, ownerId, command.messageId(), message.model(),
                command.content(), command.thoughts(), command.usage(), command.finishReason(), command.latencyMs(),
                command.timeToFirstTokenMs(), command.cost(), command.completedAt()));
    }

    @CommandHandler
    public void handle(PostToolMessageCommand command) {
        requireOwner(command.ownerId());
        requireUnused(command.messageId());
        apply(new ToolMessagePostedEvent(sessionId, ownerId, command.messageId(), activeLeafId, command.toolName(),
                command.provider(), command.content(), command.postedAt()));
    }

    /** A failure reported after the answer ended (a late timeout, a repeated stop) changes nothing. */
    @CommandHandler
    public void handle(FailAssistantMessageCommand command) {
        requireOwnerOfExistingSession(command.ownerId());
        Message message = requireAnswer(command.messageId());
        if (message.state() != State.GENERATING) {
            return;
        }
        apply(new AssistantMessageFailedEvent(sessionId, ownerId, command.messageId(), message.model(),
                command.partialContent(), command.thoughts(), command.usage(), command.errorCode(),
                command.errorMessage(), command.cost(), command.failedAt()));
    }

    /** A stop asked for an answer that already ended (or was already asked to stop) changes nothing. */
    @CommandHandler
    public void handle(RequestAnswerStopCommand command) {
        requireOwnerOfExistingSession(command.ownerId());
        if (requireAnswer(command.messageId()).state() == State.GENERATING) {
            apply(new AnswerStopRequestedEvent(sessionId, command.messageId(), command.requestedAt()));
        }
    }

    /** Repeating the vote the answer already has changes nothing. */
    @CommandHandler
    public void handle(RateMessageCommand command) {
        requireOwner(command.ownerId());
        Message answer = requireLive(command.messageId());
        if (answer.author() != Author.ASSISTANT) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such answer");
        }
        if (answer.state() == State.GENERATING) {
            throw new DomainException(ErrorCode.CONFLICT, "The answer is still being generated");
        }
        if (answer.vote() == command.vote()) {
            return;
        }
        apply(new MessageRatedEvent(sessionId, ownerId, command.messageId(), answer.model(), answer.category(),
                command.vote(), answer.vote(), command.ratedAt()));
    }

    @CommandHandler
    public void handle(RenameSessionCommand command) {
        requireOwner(command.ownerId());
        apply(new SessionRenamedEvent(sessionId, ownerId, command.title(), command.renamedAt()));
    }

    /** What the command leaves out (null) stays as it is. */
    @CommandHandler
    public void handle(ChangeSessionSettingsCommand command) {
        requireOwner(command.ownerId());
        apply(new SessionSettingsChangedEvent(sessionId, command.modelId() != null ? command.modelId() : modelId,
                command.options() != null ? command.options() : options, command.changedAt()));
    }

    /** Answers the id of the share the deletion takes down with the session, or null when it was not shared. */
    @CommandHandler
    public String handle(DeleteSessionCommand command) {
        requireOwner(command.ownerId());
        String takenDown = shareId;
        apply(new SessionDeletedEvent(sessionId, command.deletedAt()));
        return takenDown;
    }

    @CommandHandler
    public void handle(DeleteMessageCommand command) {
        requireOwner(command.ownerId());
        requireLive(command.messageId());
        apply(new MessageDeletedEvent(sessionId, command.messageId(), command.deletedAt()));
    }

    /**
     * The conversation down to {@code lastId} (null: the leaf last written to), for the context of the next answer.
     * It walks back along that one branch, newest first, until {@code enough} says of a message kept that it and the
     * ones after it are enough, or over {@code newest} messages, deleted ones included; so it costs what a prompt can
     * hold, not what the session or the whole tree does. Only the owner of a live session gets it, and the message
     * must be one of its messages not deleted.
     */
    public SessionHistory historyFor(UserId caller, String lastId, int newest,
                                     Predicate<SessionHistory.Message> enough) {
        requireOwner(caller);
        String leaf = lastId != null ? lastId : activeLeafId;
        if (leaf != null && (!messages.containsKey(leaf) || messages.get(leaf).deleted())) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such message");
        }
        List<SessionHistory.Message> branch = new ArrayList<>();
        String id = leaf;
        Message message;
        for (int walked = 0; id != null && walked < newest && (message = messages.get(id)) != null; walked++) {
            if (!message.deleted()) {
                SessionHistory.Message kept = new SessionHistory.Message(id, message.parentId(),
                        speaker(message.author()), message.content() == null ? "" : message.content(),
                        message.attachments());
                branch.add(kept);
                if (enough.test(kept)) {
                    break;
                }
            }
            id = message.parentId();
        }
        Collections.reverse(branch);
        return new SessionHistory(systemInstruction, modelId, branch);
    }

    private static SessionHistory.Speaker speaker(Author author) {
        return switch (author) {
            case USER -> SessionHistory.Speaker.USER;
            case ASSISTANT -> SessionHistory.Speaker.ASSISTANT;
            case TOOL -> SessionHistory.Speaker.TOOL;
        };
    }

    private void requireOwner(UserId caller) {
        requireOwnerOfExistingSession(caller);
        if (deleted) {
            throw noSuchSession();
        }
    }

    private void requireOwnerOfExistingSession(UserId caller) {
        if (!ownerId.equals(caller)) {
            throw noSuchSession();
        }
    }

    private Message requireLive(String messageId) {
        Message message = messages.get(messageId);
        if (message == null || message.deleted()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such message");
        }
        return message;
    }

    private Message requireAnswer(String messageId) {
        Message message = messages.get(messageId);
        if (message == null || message.author() != Author.ASSISTANT) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such answer");
        }
        return message;
    }

    private void requireUnused(String messageId) {
        if (messages.containsKey(messageId)) {
            throw new DomainException(ErrorCode.CONFLICT, "Message id " + messageId + " is already used");
        }
    }

    static DomainException noSuchSession() {
        return new DomainException(ErrorCode.NOT_FOUND, "No such session");
    }

    @EventSourcingHandler
    void on(SessionStartedEvent event) {
        sessionId = event.sessionId();
        ownerId = event.ownerId();
        systemInstruction = event.systemInstruction();
        modelId = event.modelId();
        options = GenerationOptions.DEFAULTS;
    }

    @EventSourcingHandler
    void on(SessionSettingsChangedEvent event) {
        modelId = event.modelId();
        options = event.options();
    }

    @EventSourcingHandler
    void on(UserMessagePostedEvent event) {
        messages.put(event.messageId(), new Message(Author.USER, State.COMPLETED, null, null, null, false,
                event.parentId(), event.content(), event.attachments()));
        activeLeafId = event.messageId();
    }

    @EventSourcingHandler
    void on(ToolMessagePostedEvent event) {
        messages.put(event.messageId(), new Message(Author.TOOL, State.COMPLETED, null, null, null, false,
                event.parentId(), event.content(), List.of()));
        activeLeafId = event.messageId();
    }

    @EventSourcingHandler
    void on(AssistantMessageStartedEvent event) {
        messages.put(event.messageId(), new Message(Author.ASSISTANT, State.GENERATING, event.model(),
                PromptCategory.orGeneral(event.category()), null, false, event.parentId(), "", event.attachments()));
        activeLeafId = event.messageId();
    }

    @EventSourcingHandler
    void on(AssistantMessageCompletedEvent event) {
        messages.computeIfPresent(event.messageId(), (id, message) -> message.finished(State.COMPLETED,
                event.content()));
    }

    @EventSourcingHandler
    void on(AssistantMessageFailedEvent event) {
        messages.computeIfPresent(event.messageId(), (id, message) -> message.finished(State.FAILED,
                event.partialContent() == null ? "" : event.partialContent()));
    }

    @EventSourcingHandler
    void on(MessageRatedEvent event) {
        messages.computeIfPresent(event.messageId(), (id, message) -> message.withVote(event.vote()));
    }

    @EventSourcingHandler
    void on(MessageDeletedEvent event) {
        Message removed = messages.computeIfPresent(event.messageId(), (id, message) -> message.asDeleted());
        if (removed != null && event.messageId().equals(activeLeafId)) {
            activeLeafId = removed.parentId();
        }
    }

    @EventSourcingHandler
    void on(SessionSharedEvent event) {
        shareId = event.shareId();
    }

    @EventSourcingHandler
    void on(SessionShareRevokedEvent event) {
        shareId = null;
    }

    @EventSourcingHandler
    void on(SessionDeletedEvent event) {
        deleted = true;
        shareId = null;
    }
}
