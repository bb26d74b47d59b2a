package com.aipasta.projections.share;

import com.aipasta.account.api.event.UserDeletedEvent;
import com.aipasta.chat.api.event.AssistantMessageCompletedEvent;
import com.aipasta.chat.api.event.AssistantMessageFailedEvent;
import com.aipasta.chat.api.event.AssistantMessageStartedEvent;
import com.aipasta.chat.api.event.MessageDeletedEvent;
import com.aipasta.chat.api.event.SessionDeletedEvent;
import com.aipasta.chat.api.event.SessionRenamedEvent;
import com.aipasta.chat.api.event.SessionShareRevokedEvent;
import com.aipasta.chat.api.event.SessionSharedEvent;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.query.SharedSessionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared sessions. When a session is shared, its snapshot is folded from the session's own events before the share
 * (read from the event store, not from another read model), so a replay builds exactly the same snapshot, and what
 * the events no longer hold (once an account's personal data is shredded) no snapshot holds either. A snapshot
 * shows the branch current at the share, without deleted messages, answers with no text, thoughts or the system
 * instruction. Revoking, deleting the session and deleting the account remove it.
 */
@Component
@ProcessingGroup(SharedSessionProjection.NAME)
public class SharedSessionProjection {

    public static final String NAME = "shared-sessions";

    private final MongoTemplate mongo;
    private final EventStore events;

    public SharedSessionProjection(MongoTemplate mongo, EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    @EventHandler
    void on(SessionSharedEvent event, @SequenceNumber long sequence) {
        Snapshot snapshot = new Snapshot();
        DomainEventStream stream = events.readEvents(event.sessionId().value(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> earlier = stream.next();
            if (earlier.getSequenceNumber() >= sequence) {
                break;
            }
            snapshot.fold(earlier.getPayload());
        }
        mongo.save(new SharedSessionDocument(event.shareId(), event.sessionId().value(), event.ownerId().value(),
                snapshot.title, event.displayName(), event.sharedAt(), snapshot.branch()));
    }

    @EventHandler
    void on(SessionShareRevokedEvent event) {
        mongo.remove(Query.query(Criteria.where("_id").is(event.shareId())), SharedSessionDocument.class);
    }

    @EventHandler
    void on(SessionDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("sessionId").is(event.sessionId().value())),
                SharedSessionDocument.class);
    }

    /** An account deleted takes every share of its sessions with it. */
    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(Query.query(Criteria.where("ownerId").is(event.userId().value())), SharedSessionDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), SharedSessionDocument.class);
    }

    /** A session folded from its events as far as the share: its title and the tree of its messages. */
    private static final class Snapshot {

        private record Message(String parentId, String role, String content, String modelId, Instant createdAt,
                               boolean deleted) {
        }

        private String title;
        private String activeLeafId;
        private final Map<String, Message> messages = new HashMap<>();

        void fold(Object event) {
            if (event instanceof SessionStartedEvent started) {
                title = started.title();
            } else if (event instanceof SessionRenamedEvent renamed) {
                title = renamed.title();
            } else if (event instanceof UserMessagePostedEvent posted) {
                messages.put(posted.messageId(), new Message(posted.parentId(), "user", posted.content(), null,
                        posted.postedAt(), false));
                activeLeafId = posted.messageId();
            } else if (event instanceof AssistantMessageStartedEvent answer) {
                messages.put(answer.messageId(), new Message(answer.parentId(), "assistant", "",
                        answer.model().modelId(), answer.startedAt(), false));
                activeLeafId = answer.messageId();
            } else if (event instanceof AssistantMessageCompletedEvent completed) {
                withContent(completed.messageId(), completed.content());
            } else if (event instanceof AssistantMessageFailedEvent failed) {
                withContent(failed.messageId(), failed.partialContent());
            } else if (event instanceof MessageDeletedEvent deleted) {
                Message message = messages.get(deleted.messageId());
                if (message != null) {
                    messages.put(deleted.messageId(), new Message(message.parentId(), message.role(),
                            message.content(), message.modelId(), message.createdAt(), true));
                    if (deleted.messageId().equals(activeLeafId)) {
                        activeLeafId = message.parentId();
                    }
                }
            }
        }

        private void withContent(String messageId, String content) {
            messages.computeIfPresent(messageId, (id, message) -> new Message(message.parentId(), message.role(),
                    content == null ? "" : content, message.modelId(), message.createdAt(), message.deleted()));
        }

        /** The current branch, oldest first, without deleted messages or answers with no text. */
        List<SharedSessionView.SharedMessage> branch() {
            List<SharedSessionView.SharedMessage> branch = new ArrayList<>();
            for (String id = activeLeafId; id != null; ) {
                Message message = messages.get(id);
                if (message == null) {
                    break;
                }
                if (!message.deleted() && message.content() != null && !message.content().isEmpty()) {
                    branch.add(new SharedSessionView.SharedMessage(message.role(), message.content(),
                            message.modelId(), message.createdAt()));
                }
                id = message.parentId();
            }
            Collections.reverse(branch);
            return branch;
        }
    }
}
